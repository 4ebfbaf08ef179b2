/**
 * procps and coreutils views of the node: `ps` (`aux`, `-ef`, plain), `free` (`-k` default, `-m`,
 * `-g`, `-h`), `df` (`-h`). Values come from the node's /proc files, so a node under memory pressure
 * looks it.
 */
import { done } from "./tool-context.ts";
import type { NodeToolContext, ToolResult } from "./tool-context.ts";

interface Process {
  pid: number;
  ppid: number;
  startMs: number;
  command: string;
  /** Virtual size and resident set in KiB; 0 for kernel threads, which have no user memory. */
  vszKi: number;
  rssKi: number;
  /** ps STAT: Ss a session leader, l multi-threaded, I< an idle high-priority kernel worker. */
  stat: string;
  cpuSeconds: number;
}

/**
 * The first kernel threads of a Linux 6.1 boot, in PID order as `ps aux` lists them: kthreadd
 * (PID 2) forks every other one; workqueue rescuers idle as `I<`, per-CPU threads sleep as `S`.
 */
const KERNEL_THREADS: readonly (readonly [number, string, string])[] = [
  [2, "[kthreadd]", "S"],
  [3, "[rcu_gp]", "I<"],
  [4, "[rcu_par_gp]", "I<"],
  [5, "[slub_flushwq]", "I<"],
  [6, "[netns]", "I<"],
  [8, "[kworker/0:0H-events_highpri]", "I<"],
  [10, "[mm_percpu_wq]", "I<"],
  [11, "[rcu_tasks_kthread]", "I"],
  [12, "[rcu_tasks_rude_kthread]", "I"],
  [13, "[rcu_tasks_trace_kthread]", "I"],
  [14, "[ksoftirqd/0]", "S"],
  [15, "[rcu_preempt]", "I"],
  [16, "[migration/0]", "S"],
];

/** Typical sizes of the node's daemons (KiB): Go binaries reserve large virtual arenas. */
const DAEMONS: Readonly<Record<string, { command: string; vszKi: number; rssKi: number }>> = {
  containerd: { command: "/usr/bin/containerd", vszKi: 2_428_540, rssKi: 52_316 },
  kubelet: {
    command: "/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml",
    vszKi: 2_270_244,
    rssKi: 91_848,
  },
  ssh: {
    command: "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups",
    vszKi: 15_432,
    rssKi: 9_088,
  },
  "systemd-journald": { command: "/lib/systemd/systemd-journald", vszKi: 48_952, rssKi: 15_740 },
};

function processes(context: NodeToolContext): Process[] {
  const { host } = context;
  const boot = host.bootTimeMs;
  const list: Process[] = [
    {
      pid: 1,
      ppid: 0,
      startMs: boot,
      command: "/sbin/init",
      vszKi: 167_744,
      rssKi: 12_936,
      stat: "Ss",
      cpuSeconds: 4,
    },
    ...KERNEL_THREADS.map(([pid, command, stat]) => ({
      pid,
      ppid: pid === 2 ? 0 : 2,
      startMs: boot,
      command,
      vszKi: 0,
      rssKi: 0,
      stat,
      cpuSeconds: 0,
    })),
  ];
  for (const unit of host.units()) {
    if (unit.activeState !== "active") continue;
    const daemon = DAEMONS[unit.name] ?? {
      command: `/lib/systemd/${unit.name}`,
      vszKi: 24_180,
      rssKi: 7_412,
    };
    const goDaemon = unit.name === "containerd" || unit.name === "kubelet";
    list.push({
      pid: unit.mainPid,
      ppid: 1,
      startMs: unit.sinceMs,
      command: daemon.command,
      vszKi: daemon.vszKi,
      rssKi: daemon.rssKi,
      stat: goDaemon ? "Ssl" : "Ss",
      cpuSeconds: goDaemon ? 95 : 1,
    });
  }
  let pid = 3000;
  for (const container of host.criContainers()) {
    if (container.state !== "CONTAINER_RUNNING") continue;
    pid += 7;
    const startMs = container.startedMs ?? container.createdMs;
    list.push({
      pid,
      ppid: 1,
      startMs,
      command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${container.podSandboxId} -address /run/containerd/containerd.sock`,
      vszKi: 1_238_276,
      rssKi: 12_812 + (pid % 97) * 16,
      stat: "Sl",
      cpuSeconds: 1,
    });
    list.push({
      pid: pid + 3,
      ppid: pid,
      startMs,
      command: container.name,
      vszKi: 742_104 + (pid % 89) * 512,
      rssKi: 38_220 + (pid % 83) * 64,
      stat: "Ssl",
      cpuSeconds: 2,
    });
  }
  return list.sort((a, b) => a.pid - b.pid);
}

const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/** ps's cumulative CPU time: `M:SS` in aux, `HH:MM:SS` in -ef. */
const cpuTime = (seconds: number, long: boolean): string =>
  long
    ? `${String(Math.floor(seconds / 3600)).padStart(2, "0")}:${String(Math.floor(seconds / 60) % 60).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`
    : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

export function ps(args: readonly string[], context: NodeToolContext): ToolResult {
  const joined = args.join(" ");
  const list = processes(context);
  if (/(^|\s)-?[a-z]*a[a-z]*u|aux/.test(joined)) {
    const totalKi = meminfo(context)["MemTotal"] ?? 1;
    const header = "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n";
    const rows = list.map(
      (p) =>
        `${"root".padEnd(8)} ${String(p.pid).padStart(7)}  0.0 ${((p.rssKi / totalKi) * 100).toFixed(1).padStart(4)} ${String(p.vszKi).padStart(6)} ${String(p.rssKi).padStart(5)} ?        ${p.stat.padEnd(4)} ${hhmm(p.startMs)}   ${cpuTime(p.cpuSeconds, false)} ${p.command}\n`,
    );
    return done(header + rows.join(""));
  }
  if (/-[a-z]*e[a-z]*f|-ef/.test(joined) || args.includes("-e") || args.includes("-A")) {
    const header = "UID          PID    PPID  C STIME TTY          TIME CMD\n";
    const rows = list.map(
      (p) =>
        `${"root".padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${hhmm(p.startMs)} ?        ${cpuTime(p.cpuSeconds, true)} ${p.command}\n`,
    );
    return done(header + rows.join(""));
  }
  return done(
    "    PID TTY          TIME CMD\n      1 pts/0    00:00:00 bash\n     42 pts/0    00:00:00 ps\n",
  );
}

function meminfo(context: NodeToolContext): Record<string, number> {
  const text = context.host.readFile("/proc/meminfo") ?? "";
  const values: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const match = /^(\w+):\s+(\d+)/.exec(line);
    if (match) values[match[1] ?? ""] = Number(match[2]);
  }
  return values;
}

function human(kib: number): string {
  const units = ["Ki", "Mi", "Gi", "Ti"];
  let value = kib;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (kib === 0) return "0B";
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)}${units[unit] ?? ""}`;
}

export function free(args: readonly string[], context: NodeToolContext): ToolResult {
  const m = meminfo(context);
  const total = m["MemTotal"] ?? 0;
  const freeKi = m["MemFree"] ?? 0;
  const available = m["MemAvailable"] ?? 0;
  const cache = (m["Buffers"] ?? 0) + (m["Cached"] ?? 0);
  const used = Math.max(0, total - freeKi - cache);
  const scale = args.includes("-m") ? 1024 : args.includes("-g") ? 1024 * 1024 : 1;
  const cell = (kib: number): string =>
    args.includes("-h") ? human(kib) : String(Math.floor(kib / scale));
  const row = (label: string, values: number[]): string =>
    `${label.padEnd(7)}${values.map((v) => cell(v).padStart(12)).join(" ")}\n`.replace(
      / +\n$/,
      "\n",
    );
  return done(
    "               total        used        free      shared  buff/cache   available\n" +
      row("Mem:", [total, used, freeKi, 1024, cache, available]) +
      row("Swap:", [0, 0, 0]),
  );
}

/** The node's root disk (/dev/root), in 1K blocks, as df and statfs report it. */
export const ROOT_DISK = { sizeKi: 50_620_216, usedKi: 14_174_080 } as const;

/**
 * coreutils df over the node's disks. `root` is where the node's root filesystem is mounted in
 * this shell: "" on the node, "/host" in a node debug pod, whose own root is the image's overlay
 * (on the node's disk). With FILE operands df prints, per operand, the filesystem holding it
 * (the longest mount point above it), mounted where this shell sees it: `df -h /host` in a debug
 * pod names /dev/root mounted on /host.
 */
export function df(args: readonly string[], root = ""): ToolResult {
  const humanReadable = args.some((arg) => /^-[a-zA-Z]*h/.test(arg));
  const rows: [string, number, number, string][] = [
    ["/dev/root", ROOT_DISK.sizeKi, ROOT_DISK.usedKi, "/"],
    ["tmpfs", 4_019_768, 0, "/dev/shm"],
    ["tmpfs", 1_607_908, 1_432, "/run"],
    ["/dev/sda15", 126_678, 11_840, "/boot/efi"],
  ];
  const seen = (mount: string): string =>
    root === "" ? mount : mount === "/" ? root : `${root}${mount}`;
  const visible: [string, number, number, string][] = rows.map(([fs, size, used, mount]) => [
    fs,
    size,
    used,
    seen(mount),
  ]);
  const [disk] = rows;
  if (root !== "" && disk) visible.unshift(["overlay", disk[1], disk[2], "/"]);
  const holding = (path: string): [string, number, number, string] | undefined =>
    visible
      .filter(([, , , mount]) => mount === "/" || path === mount || path.startsWith(`${mount}/`))
      .sort((a, b) => b[3].length - a[3].length)[0];
  const operands = args.filter((arg) => !arg.startsWith("-"));
  const selected =
    operands.length === 0
      ? visible
      : operands.flatMap((path) => {
          const row = holding(path.startsWith("/") ? path.replace(/\/+$/, "") || "/" : `/${path}`);
          return row ? [row] : [];
        });
  const header = humanReadable
    ? "Filesystem      Size  Used Avail Use% Mounted on\n"
    : "Filesystem     1K-blocks     Used Available Use% Mounted on\n";
  const lines = selected.map(([fs, size, usedKi, mount]) => {
    const avail = size - usedKi;
    const use = `${Math.ceil((usedKi / size) * 100)}%`;
    if (humanReadable) {
      const h = (kib: number): string => human(kib).replace("i", "").replace("0B", "0");
      return `${fs.padEnd(15)} ${h(size).padStart(4)} ${h(usedKi).padStart(5)} ${h(avail).padStart(5)} ${use.padStart(4)} ${mount}\n`;
    }
    return `${fs.padEnd(14)} ${String(size).padStart(9)} ${String(usedKi).padStart(8)} ${String(avail).padStart(9)} ${use.padStart(4)} ${mount}\n`;
  });
  return done(header + lines.join(""));
}
