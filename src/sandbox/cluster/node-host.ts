/**
 * A node's operating system as a learner inspects it through `kubectl debug node/... -- chroot
 * /host ...`: the systemd journal, the kernel ring buffer, unit states, a few /proc, /sys and /etc
 * files, and containerd's containers as crictl lists them. Faults change this state; the kubelet
 * and runtime model write to it as real daemons would.
 */
import type { SeededRandom } from "./random.ts";
import { klog, logfmt } from "./log-formats.ts";

export interface JournalEntry {
  timeMs: number;
  unit: string;
  /** SYSLOG_IDENTIFIER, the name journalctl prints before [pid]. */
  identifier: string;
  pid: number;
  message: string;
}

export interface KernelEntry {
  secondsSinceBoot: number;
  message: string;
}

export interface UnitState {
  name: string;
  description: string;
  activeState: "active" | "inactive" | "failed";
  subState: "running" | "dead" | "failed";
  mainPid: number;
  /** When it entered its current state (ActiveEnterTimestamp). */
  sinceMs: number;
}

export interface CriContainer {
  id: string;
  podSandboxId: string;
  name: string;
  attempt: number;
  image: string;
  imageRef: string;
  state: "CONTAINER_CREATED" | "CONTAINER_RUNNING" | "CONTAINER_EXITED";
  createdMs: number;
  startedMs?: number | undefined;
  finishedMs?: number | undefined;
  exitCode?: number | undefined;
  reason?: string | undefined;
  message?: string | undefined;
  podName: string;
  podNamespace: string;
  podUid: string;
}

/** The node-level faults the runtime model consults before starting a container. */
export interface RuntimeHealth {
  /**
   * containerd's shims no longer start (runtime-failure, the default): new containers fail, but
   * containerd itself answers CRI calls, so the kubelet's PLEG stays healthy and the node Ready.
   */
  shimsWedged: boolean;
  /**
   * containerd itself is hung (runtime-failure with runtime: containerd): every CRI call times
   * out, the kubelet stops syncing pods and the node turns NotReady. Cleared by restarting it.
   */
  criHung: boolean;
  /** The kernel cannot create memory cgroups (cgroup-failure); survives service restarts. */
  cgroupCreationFails: boolean;
  /** The node is out of memory (resource-pressure): runc init is OOM-killed. */
  memoryExhausted: boolean;
}

export interface NodeUsage {
  pids: number;
  memoryKi: number;
}

export interface NodeHostOptions {
  name: string;
  bootTimeMs: number;
  random: SeededRandom;
  kernelVersion: string;
  osImage: string;
  containerdVersion: string;
  kubeletVersion: string;
  memoryKi: number;
  cpu: number;
  pidMax: number;
  /** pids.max of /sys/fs/cgroup/kubepods.slice. */
  kubepodsPidsMax: number;
  /** The kubelet's podPidsLimit when the node sets one (kubeadm writes none: no per-pod cap). */
  podPidsLimit?: number | undefined;
  now: () => number;
}

/** One line of /proc/mounts: `device dir type options 0 0`. */
export interface MountEntry {
  readonly device: string;
  readonly dir: string;
  readonly type: string;
  readonly options: string;
}

/**
 * The mounts of an Ubuntu 22.04 cloud node booted with systemd on the unified cgroup v2 hierarchy
 * (cgroup2 on /sys/fs/cgroup, no v1 controller mounts), as its /proc/mounts lists them; the sizes
 * of /run and /dev/shm follow the node's memory as the kernel's tmpfs defaults do (10% and 50%).
 */
function nodeMounts(memoryKi: number): MountEntry[] {
  const nosuid = "rw,nosuid,nodev,noexec,relatime";
  return [
    { device: "sysfs", dir: "/sys", type: "sysfs", options: nosuid },
    { device: "proc", dir: "/proc", type: "proc", options: nosuid },
    {
      device: "udev",
      dir: "/dev",
      type: "devtmpfs",
      options: `rw,nosuid,relatime,size=${Math.floor(memoryKi / 2)}k,nr_inodes=${Math.floor(memoryKi / 8)},mode=755,inode64`,
    },
    {
      device: "devpts",
      dir: "/dev/pts",
      type: "devpts",
      options: "rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000",
    },
    {
      device: "tmpfs",
      dir: "/run",
      type: "tmpfs",
      options: `${nosuid},size=${Math.floor(memoryKi / 10)}k,mode=755,inode64`,
    },
    {
      device: "/dev/root",
      dir: "/",
      type: "ext4",
      options: "rw,relatime,discard,errors=remount-ro",
    },
    { device: "securityfs", dir: "/sys/kernel/security", type: "securityfs", options: nosuid },
    { device: "tmpfs", dir: "/dev/shm", type: "tmpfs", options: "rw,nosuid,nodev,inode64" },
    {
      device: "tmpfs",
      dir: "/run/lock",
      type: "tmpfs",
      options: `${nosuid},size=5120k,inode64`,
    },
    {
      device: "cgroup2",
      dir: "/sys/fs/cgroup",
      type: "cgroup2",
      options: `${nosuid},nsdelegate,memory_recursiveprot`,
    },
    { device: "pstore", dir: "/sys/fs/pstore", type: "pstore", options: nosuid },
    { device: "bpf", dir: "/sys/fs/bpf", type: "bpf", options: `${nosuid},mode=700` },
    { device: "mqueue", dir: "/dev/mqueue", type: "mqueue", options: nosuid },
    { device: "debugfs", dir: "/sys/kernel/debug", type: "debugfs", options: nosuid },
    { device: "tracefs", dir: "/sys/kernel/tracing", type: "tracefs", options: nosuid },
    { device: "fusectl", dir: "/sys/fs/fuse/connections", type: "fusectl", options: nosuid },
    { device: "configfs", dir: "/sys/kernel/config", type: "configfs", options: nosuid },
    {
      device: "/dev/sda15",
      dir: "/boot/efi",
      type: "vfat",
      options:
        "rw,relatime,fmask=0077,dmask=0077,codepage=437,iocharset=iso8859-1,shortname=mixed,errors=remount-ro",
    },
  ];
}

/**
 * /var/lib/kubelet/config.yaml as `kubeadm join` writes it (v1.32): cgroupDriver systemd to match
 * containerd's SystemdCgroup, the kubelet's default hard eviction thresholds written out, and a
 * podPidsLimit line only when the node sets one.
 */
function kubeletConfig(podPidsLimit: number | undefined): string {
  return [
    "apiVersion: kubelet.config.k8s.io/v1beta1",
    "authentication:",
    "  anonymous:",
    "    enabled: false",
    "  webhook:",
    "    cacheTTL: 0s",
    "    enabled: true",
    "  x509:",
    "    clientCAFile: /etc/kubernetes/pki/ca.crt",
    "authorization:",
    "  mode: Webhook",
    "  webhook:",
    "    cacheAuthorizedTTL: 0s",
    "    cacheUnauthorizedTTL: 0s",
    "cgroupDriver: systemd",
    "clusterDNS:",
    "- 10.96.0.10",
    "clusterDomain: cluster.local",
    "containerRuntimeEndpoint: unix:///run/containerd/containerd.sock",
    "cpuManagerReconcilePeriod: 0s",
    "evictionHard:",
    "  imagefs.available: 15%",
    "  memory.available: 100Mi",
    "  nodefs.available: 10%",
    "  nodefs.inodesFree: 5%",
    "evictionPressureTransitionPeriod: 0s",
    "fileCheckFrequency: 0s",
    "healthzBindAddress: 127.0.0.1",
    "healthzPort: 10248",
    "httpCheckFrequency: 0s",
    "imageMaximumGCAge: 0s",
    "imageMinimumGCAge: 0s",
    "kind: KubeletConfiguration",
    "logging:",
    "  flushFrequency: 0",
    "  options:",
    "    json:",
    '      infoBufferSize: "0"',
    "    text:",
    '      infoBufferSize: "0"',
    "  verbosity: 0",
    "memorySwap: {}",
    "nodeStatusReportFrequency: 0s",
    "nodeStatusUpdateFrequency: 0s",
    ...(podPidsLimit === undefined ? [] : [`podPidsLimit: ${podPidsLimit}`]),
    "rotateCertificates: true",
    "runtimeRequestTimeout: 0s",
    "shutdownGracePeriod: 0s",
    "shutdownGracePeriodCriticalPods: 0s",
    "staticPodPath: /etc/kubernetes/manifests",
    "streamingConnectionIdleTimeout: 0s",
    "syncFrequency: 0s",
    "volumeStatsAggIdlePeriod: 0s",
    "",
  ].join("\n");
}

const UNIT_DESCRIPTIONS: Readonly<Record<string, string>> = {
  containerd: "containerd container runtime",
  kubelet: "kubelet: The Kubernetes Node Agent",
  "systemd-journald": "Journal Service",
  ssh: "OpenBSD Secure Shell server",
};

export class NodeHost {
  readonly name: string;
  readonly bootTimeMs: number;
  readonly options: NodeHostOptions;
  readonly health: RuntimeHealth = {
    shimsWedged: false,
    criHung: false,
    cgroupCreationFails: false,
    memoryExhausted: false,
  };
  /** When containerd stopped answering (the kubelet's last successful relist and status check). */
  runtimeHungSinceMs: number | undefined = undefined;
  /** pids.max of kubepods.slice (the pid-limit fault lowers it). */
  kubepodsPidsMax: number;
  /** Fork rejections counted in kubepods.slice/pids.events. */
  pidsRejections = 0;
  /** Containers by id, kept by the runtime model. */
  readonly containers = new Map<string, CriContainer>();
  usage: () => NodeUsage = () => ({ pids: 0, memoryKi: 0 });
  /** Called after a unit restart so the cluster can apply its consequences. */
  onRestart: (unit: string) => void = () => undefined;

  /**
   * Entries whose text is formatted only when someone reads the journal (most never are); the
   * random parts of a line are drawn when it is logged, so reading does not change anything.
   */
  readonly #journal: (Omit<JournalEntry, "message"> & { render: () => string })[] = [];
  readonly #rendered: JournalEntry[] = [];
  readonly #kernel: KernelEntry[] = [];
  readonly #units = new Map<string, UnitState>();
  readonly #random: SeededRandom;
  readonly #lastSubMillisecond = new Map<string, { atMs: number; value: number }>();
  #nextPid = 2400;

  constructor(options: NodeHostOptions) {
    this.options = options;
    this.name = options.name;
    this.bootTimeMs = options.bootTimeMs;
    this.kubepodsPidsMax = options.kubepodsPidsMax;
    this.#random = options.random;
    const pids: Readonly<Record<string, number>> = {
      "systemd-journald": 212,
      ssh: 640,
      containerd: 812,
      kubelet: 1034,
    };
    for (const [name, pid] of Object.entries(pids)) {
      this.#units.set(name, {
        name,
        description: UNIT_DESCRIPTIONS[name] ?? name,
        activeState: "active",
        subState: "running",
        mainPid: pid,
        sinceMs: options.bootTimeMs + 4000 + pid,
      });
    }
    this.#bootKernel();
    this.#startContainerd(options.bootTimeMs + 4812);
    this.#startKubelet(options.bootTimeMs + 5034);
  }

  journal(): readonly JournalEntry[] {
    for (let i = this.#rendered.length; i < this.#journal.length; i++) {
      const entry = this.#journal[i];
      if (!entry) continue;
      const { render, ...rest } = entry;
      this.#rendered.push({ ...rest, message: render() });
    }
    return this.#rendered;
  }

  kernelLog(): readonly KernelEntry[] {
    return this.#kernel;
  }

  units(): UnitState[] {
    return [...this.#units.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((u) => ({ ...u }));
  }

  unit(name: string): UnitState | undefined {
    const found = this.#units.get(name.replace(/\.service$/, ""));
    return found ? { ...found } : undefined;
  }

  /** containerd answers CRI calls (crictl ps, crictl info) unless it is hung itself. */
  criResponding(): boolean {
    return !this.health.criHung;
  }

  criContainers(): CriContainer[] {
    return [...this.containers.values()]
      .sort((a, b) => a.createdMs - b.createdMs || a.id.localeCompare(b.id))
      .map((c) => ({ ...c }));
  }

  /**
   * `systemctl restart <unit>`: systemd stops and starts it with a new PID and journal lines.
   * Restarting containerd clears wedged shims (running containers survive: their shims are
   * separate processes); nothing a restart does clears a kernel-level fault.
   */
  restart(unitName: string, atMs: number): boolean {
    const name = unitName.replace(/\.service$/, "");
    const unit = this.#units.get(name);
    if (!unit) return false;
    const description = unit.description;
    this.#log("systemd", 1, `Stopping ${name}.service - ${description}...`, atMs);
    this.#log("systemd", 1, `${name}.service: Deactivated successfully.`, atMs + 180);
    this.#log("systemd", 1, `Stopped ${name}.service - ${description}.`, atMs + 181);
    this.#log("systemd", 1, `Starting ${name}.service - ${description}...`, atMs + 190);
    unit.mainPid = this.#nextPid += 1 + this.#random.int(40);
    unit.sinceMs = atMs + 400;
    unit.activeState = "active";
    unit.subState = "running";
    if (name === "containerd") {
      this.health.shimsWedged = false;
      this.health.criHung = false;
      this.runtimeHungSinceMs = undefined;
      this.#startContainerd(atMs + 200);
    } else if (name === "kubelet") this.#startKubelet(atMs + 200);
    this.#log("systemd", 1, `Started ${name}.service - ${description}.`, atMs + 400);
    this.onRestart(name);
    return true;
  }

  /** A line from a unit's main process. */
  logUnit(unit: "containerd" | "kubelet", message: string | (() => string), atMs: number): void {
    const pid = this.#units.get(unit)?.mainPid ?? 0;
    this.#log(unit, pid, message, atMs, unit);
  }

  containerdLog(
    level: "info" | "warning" | "error",
    msg: string,
    atMs: number,
    fields: Readonly<Record<string, string>> = {},
  ): void {
    const nanos = this.#subMillisecond("containerd", atMs, 1_000_000);
    this.logUnit("containerd", () => logfmt(atMs, nanos, level, msg, fields), atMs);
  }

  kubeletLog(
    severity: "I" | "W" | "E",
    location: string,
    message: string,
    atMs: number,
    fields: Readonly<Record<string, string>> = {},
  ): void {
    const pid = this.#units.get("kubelet")?.mainPid ?? 0;
    const micros = this.#subMillisecond("kubelet", atMs, 1000);
    this.logUnit(
      "kubelet",
      () => klog(severity, atMs, micros, pid, location, message, fields),
      atMs,
    );
  }

  /**
   * The part of a line's time finer than its millisecond (`units` per ms), drawn from the seeded
   * random, but increasing for lines of one log within the same millisecond: a real process
   * writes them one after the other, so their times never go backwards (finding D27).
   */
  #subMillisecond(log: "containerd" | "kubelet" | "kernel", atMs: number, units: number): number {
    const last = this.#lastSubMillisecond.get(log);
    let value: number;
    if (last?.atMs === atMs) {
      const room = Math.max(1, Math.floor((units - 1 - last.value) / 2));
      value = Math.min(units - 1, last.value + 1 + this.#random.int(room));
    } else value = this.#random.int(units);
    this.#lastSubMillisecond.set(log, { atMs, value });
    return value;
  }

  kernel(message: string, atMs: number): void {
    const seconds =
      (atMs - this.bootTimeMs) / 1000 + this.#subMillisecond("kernel", atMs, 1_000_000) / 1e9;
    this.#kernel.push({ secondsSinceBoot: Math.round(seconds * 1e6) / 1e6, message });
  }

  #log(
    identifier: string,
    pid: number,
    message: string | (() => string),
    atMs: number,
    unit?: string,
  ): void {
    this.#journal.push({
      timeMs: atMs,
      unit: `${unit ?? identifier}.service`,
      identifier,
      pid,
      render: typeof message === "string" ? () => message : message,
    });
  }

  #bootKernel(): void {
    const o = this.options;
    const at = (s: number) => this.bootTimeMs + s * 1000;
    this.kernel(
      `Linux version ${o.kernelVersion} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)`,
      at(0),
    );
    this.kernel(`Memory: ${Math.floor(o.memoryKi * 0.97)}K/${o.memoryKi}K available`, at(0.1));
    this.kernel(`pid_max: default: 32768 minimum: 301`, at(0.12));
    this.kernel(`cgroup: Using cgroup v2 (unified hierarchy)`, at(0.2));
    this.kernel(`systemd[1]: Detected architecture x86-64.`, at(2.1));
    this.kernel(`systemd[1]: Hostname set to <${this.name}>.`, at(2.2));
    this.kernel(`overlayfs: upper fs does not support RENAME_WHITEOUT.`, at(4.9));
    this.kernel(`IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready`, at(5.4));
  }

  #startContainerd(atMs: number): void {
    const v = this.options.containerdVersion;
    this.containerdLog("info", "starting containerd", atMs, {
      revision: "7c3aca7a610df76212171d200ca3811ff6096eb8",
      version: v,
    });
    this.containerdLog("info", 'loading plugin "io.containerd.grpc.v1.cri"...', atMs + 40, {
      type: "io.containerd.grpc.v1",
    });
    this.containerdLog(
      "info",
      "Start cri plugin with config {PluginConfig:{ContainerdConfig:{Snapshotter:overlayfs DefaultRuntimeName:runc}} SystemdCgroup:true}",
      atMs + 45,
    );
    this.containerdLog("info", "serving...", atMs + 60, {
      address: "/run/containerd/containerd.sock",
    });
    this.containerdLog(
      "info",
      `containerd successfully booted in 0.0${40 + this.#random.int(50)}s`,
      atMs + 70,
    );
  }

  #startKubelet(atMs: number): void {
    this.kubeletLog("I", "server.go:484", "Kubelet version", atMs, {
      kubeletVersion: this.options.kubeletVersion,
    });
    this.kubeletLog("I", "kuberuntime_manager.go:262", "Container runtime initialized", atMs + 30, {
      containerRuntime: "containerd",
      version: this.options.containerdVersion,
      apiVersion: "v1",
    });
    this.kubeletLog("I", "kubelet.go:2436", "Starting kubelet main sync loop", atMs + 120);
  }

  /**
   * MemAvailable of /proc/meminfo: a fifth of the memory goes to the system (kernel, page cache
   * the kubelet and containerd keep busy), the rest to the containers; a node out of memory has
   * about 1% left. `kubectl top node` reports the complement as the node's working set.
   */
  memoryAvailableKi(): number {
    const total = this.options.memoryKi;
    return this.health.memoryExhausted
      ? Math.floor(total * 0.012)
      : Math.max(0, Math.floor(total * 0.8) - this.usage().memoryKi);
  }

  /** The files a learner can cat under /host; values follow the node's live state. */
  readFile(path: string): string | undefined {
    const file = this.#files()[path];
    return file?.();
  }

  files(): string[] {
    return Object.keys(this.#files()).sort();
  }

  /** The node's mounts, as /proc/mounts lists them. */
  mounts(): MountEntry[] {
    return nodeMounts(this.options.memoryKi);
  }

  #files(): Record<string, () => string> {
    const o = this.options;
    const usage = () => this.usage();
    const memAvailableKi = () => this.memoryAvailableKi();
    return {
      "/proc/uptime": () => {
        const up = (o.now() - this.bootTimeMs) / 1000;
        return `${up.toFixed(2)} ${(up * o.cpu * 0.93).toFixed(2)}\n`;
      },
      "/proc/sys/kernel/pid_max": () => `${o.pidMax}\n`,
      // Debian and Ubuntu kernels restrict dmesg to privileged readers (reference/real-output.md).
      "/proc/sys/kernel/dmesg_restrict": () => "1\n",
      "/proc/sys/kernel/threads-max": () => `${Math.floor(o.memoryKi / 128)}\n`,
      "/proc/version": () =>
        `Linux version ${o.kernelVersion} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n`,
      "/proc/meminfo": () => {
        const free = memAvailableKi();
        return `MemTotal:       ${String(o.memoryKi).padStart(8)} kB\nMemFree:        ${String(Math.floor(free * 0.6)).padStart(8)} kB\nMemAvailable:   ${String(free).padStart(8)} kB\nBuffers:        ${String(10240).padStart(8)} kB\nCached:         ${String(Math.floor(free * 0.35)).padStart(8)} kB\nSwapTotal:             0 kB\nSwapFree:              0 kB\n`;
      },
      "/proc/mounts": () =>
        this.mounts()
          .map((m) => `${m.device} ${m.dir} ${m.type} ${m.options} 0 0\n`)
          .join(""),
      "/var/lib/kubelet/config.yaml": () => kubeletConfig(o.podPidsLimit),
      "/proc/loadavg": () =>
        this.health.memoryExhausted
          ? "7.92 6.41 4.87 9/1043 31337\n"
          : `0.31 0.27 0.22 2/${400 + usage().pids} ${this.#nextPid}\n`,
      "/sys/fs/cgroup/cgroup.controllers": () => "cpuset cpu io memory hugetlb pids rdma misc\n",
      "/sys/fs/cgroup/kubepods.slice/pids.max": () => `${this.kubepodsPidsMax}\n`,
      "/sys/fs/cgroup/kubepods.slice/pids.current": () =>
        `${Math.min(usage().pids, this.kubepodsPidsMax)}\n`,
      "/sys/fs/cgroup/kubepods.slice/pids.events": () => `max ${this.pidsRejections}\n`,
      "/sys/fs/cgroup/kubepods.slice/memory.max": () => `${Math.floor(o.memoryKi * 0.98) * 1024}\n`,
      "/sys/fs/cgroup/kubepods.slice/memory.current": () =>
        `${(this.health.memoryExhausted ? Math.floor(o.memoryKi * 0.97) : usage().memoryKi) * 1024}\n`,
      "/sys/fs/cgroup/kubepods.slice/memory.events": () =>
        this.health.memoryExhausted
          ? "low 0\nhigh 0\nmax 1842\noom 37\noom_kill 37\noom_group_kill 0\n"
          : "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n",
      "/etc/os-release": () =>
        `PRETTY_NAME="${o.osImage}"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.4 LTS (Jammy Jellyfish)"\nID=ubuntu\nID_LIKE=debian\n`,
      "/etc/hostname": () => `${this.name}\n`,
      "/etc/containerd/config.toml": () =>
        'version = 2\n\n[plugins."io.containerd.grpc.v1.cri"]\n  sandbox_image = "registry.k8s.io/pause:3.10"\n\n[plugins."io.containerd.grpc.v1.cri".containerd]\n  default_runtime_name = "runc"\n  snapshotter = "overlayfs"\n\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]\n  runtime_type = "io.containerd.runc.v2"\n\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n  SystemdCgroup = true\n',
    };
  }
}
