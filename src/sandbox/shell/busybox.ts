/**
 * BusyBox's applets in a busybox or alpine container: ps, top -bn1, free, uptime, df and mount in
 * BusyBox 1.36's own formats (procps/ps.c with FEATURE_PS_TIME, procps/top.c, procps/free.c,
 * procps/uptime.c, coreutils/df.c, util-linux/mount.c), over what a container sees: its own PID
 * namespace (the main process as PID 1, the shell you run, the applet itself), the node's kernel
 * figures (/proc/meminfo, /proc/uptime and /proc/loadavg are not namespaced) and the mounts
 * containerd and the kubelet give a pod's container.
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";
import type { NodeHost } from "../cluster/node-host.ts";
import { ROOT_DISK } from "./node-tools/procps.ts";

/** One process of the container's PID namespace. */
export interface ContainerProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly args: readonly string[];
  /** Virtual size in KiB, as ps and top show it (BusyBox's sh and applets are ~1.3 MiB). */
  readonly vszKi: number;
}

/** A mount of a pod's container, with the sizes df reports (0 blocks: df leaves it out). */
export interface ContainerMount {
  readonly device: string;
  readonly dir: string;
  readonly type: string;
  readonly options: string;
  readonly sizeKi: number;
  readonly usedKi: number;
}

const NOSUID = "rw,nosuid,nodev,noexec,relatime";
const EXT4 = "rw,relatime,discard,errors=remount-ro";
const SNAPSHOTS = "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots";

/**
 * What /proc/mounts lists in a pod's container under containerd: the image's overlay root (on the
 * node's disk), proc, a 64 MiB tmpfs /dev, sysfs and cgroup2 read-only, the kubelet's bind mounts
 * of /etc/hosts, /dev/termination-log, /etc/hostname and /etc/resolv.conf from the node's disk,
 * the 64 MiB shm, the service account token tmpfs and runc's masked /proc paths.
 */
export function podMounts(nodeMemoryKi: number): ContainerMount[] {
  const disk = { sizeKi: ROOT_DISK.sizeKi, usedKi: ROOT_DISK.usedKi };
  const none = { sizeKi: 0, usedKi: 0 };
  const small = { sizeKi: 65_536, usedKi: 0 };
  const token = { sizeKi: Math.floor(nodeMemoryKi / 2), usedKi: 12 };
  const masked = { sizeKi: Math.floor(nodeMemoryKi / 2), usedKi: 0 };
  return [
    {
      device: "overlay",
      dir: "/",
      type: "overlay",
      options: `rw,relatime,lowerdir=${SNAPSHOTS}/21/fs,upperdir=${SNAPSHOTS}/22/fs,workdir=${SNAPSHOTS}/22/work`,
      ...disk,
    },
    { device: "proc", dir: "/proc", type: "proc", options: NOSUID, ...none },
    {
      device: "tmpfs",
      dir: "/dev",
      type: "tmpfs",
      options: "rw,nosuid,size=65536k,mode=755",
      ...small,
    },
    {
      device: "devpts",
      dir: "/dev/pts",
      type: "devpts",
      options: "rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666",
      ...none,
    },
    { device: "mqueue", dir: "/dev/mqueue", type: "mqueue", options: NOSUID, ...none },
    {
      device: "sysfs",
      dir: "/sys",
      type: "sysfs",
      options: "ro,nosuid,nodev,noexec,relatime",
      ...none,
    },
    {
      device: "cgroup",
      dir: "/sys/fs/cgroup",
      type: "cgroup2",
      options: "ro,nosuid,nodev,noexec,relatime",
      ...none,
    },
    { device: "/dev/root", dir: "/etc/hosts", type: "ext4", options: EXT4, ...disk },
    { device: "/dev/root", dir: "/dev/termination-log", type: "ext4", options: EXT4, ...disk },
    { device: "/dev/root", dir: "/etc/hostname", type: "ext4", options: EXT4, ...disk },
    { device: "/dev/root", dir: "/etc/resolv.conf", type: "ext4", options: EXT4, ...disk },
    { device: "shm", dir: "/dev/shm", type: "tmpfs", options: `${NOSUID},size=65536k`, ...small },
    {
      device: "tmpfs",
      dir: "/var/run/secrets/kubernetes.io/serviceaccount",
      type: "tmpfs",
      options: `ro,relatime,size=${token.sizeKi}k`,
      ...token,
    },
    ...["/proc/acpi", "/proc/scsi", "/sys/firmware"].map((dir) => ({
      device: "tmpfs",
      dir,
      type: "tmpfs",
      options: "ro,relatime",
      ...masked,
    })),
    ...["/proc/kcore", "/proc/keys", "/proc/timer_list"].map((dir) => ({
      device: "tmpfs",
      dir,
      type: "tmpfs",
      options: "rw,nosuid,size=65536k,mode=755",
      ...small,
    })),
  ];
}

/** /proc/mounts: `DEVICE DIR TYPE OPTIONS 0 0`. */
export function procMounts(mounts: readonly ContainerMount[]): string {
  return mounts.map((m) => `${m.device} ${m.dir} ${m.type} ${m.options} 0 0\n`).join("");
}

export interface BusyBoxContext {
  readonly host: NodeHost;
  readonly now: () => number;
  readonly mounts: readonly ContainerMount[];
  /** The container's processes, the applet that asks (PID `self`) last. */
  processes(self: ContainerProcess): ContainerProcess[];
  /** The PID the next applet runs as: PIDs in a namespace only grow. */
  nextPid(): number;
}

interface Result {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const done = (stdout: string): Result => ({ stdout, stderr: "", exitCode: 0 });

function meminfo(host: NodeHost): Record<string, number> {
  const values: Record<string, number> = {};
  for (const line of (host.readFile("/proc/meminfo") ?? "").split("\n")) {
    const match = /^(\w+):\s+(\d+)/.exec(line);
    if (match) values[match[1] ?? ""] = Number(match[2]);
  }
  return values;
}

/**
 * libbb make_human_readable_str as free -h and df -h call it: the value in the largest unit below
 * 1024 with one decimal (`23.5G`, `231.4M`), plain `0` for zero, no decimal for bytes.
 */
function humanKi(kib: number): string {
  if (kib === 0) return "0";
  const units = ["K", "M", "G", "T", "P"];
  let value = kib;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)}${units[unit] ?? ""}`;
}

/** BusyBox free: KiB by default, -m/-g rounded to the unit, -h human; header widths of 12. */
function free(args: readonly string[], context: BusyBoxContext): Result {
  const m = meminfo(context.host);
  const total = m["MemTotal"] ?? 0;
  const freeKi = m["MemFree"] ?? 0;
  const cache = (m["Buffers"] ?? 0) + (m["Cached"] ?? 0);
  const used = Math.max(0, total - freeKi - cache);
  const flags = args.join("");
  const divisor = flags.includes("g") ? 1024 * 1024 : flags.includes("m") ? 1024 : 1;
  const cell = (kib: number): string =>
    (flags.includes("h") ? humanKi(kib) : String(Math.round(kib / divisor))).padStart(12);
  const header = ["total", "used", "free", "shared", "buff/cache", "available"];
  return done(
    `${" ".repeat(7)}${header.map((name) => name.padStart(12)).join("")}\n` +
      `${"Mem:".padEnd(7)}${[total, used, freeKi, m["Shmem"] ?? 0, cache, m["MemAvailable"] ?? 0].map(cell).join("")}\n` +
      `${"Swap:".padEnd(7)}${[m["SwapTotal"] ?? 0, 0, m["SwapFree"] ?? 0].map(cell).join("")}\n`,
  );
}

function upSeconds(host: NodeHost): number {
  return Math.floor(Number((host.readFile("/proc/uptime") ?? "0").split(" ")[0]));
}

function loadavg(host: NodeHost): string[] {
  return (host.readFile("/proc/loadavg") ?? "0.00 0.00 0.00 1/1 1").trim().split(/\s+/);
}

const pad2 = (value: number): string => String(value).padStart(2, "0");

/** BusyBox uptime: ` HH:MM:SS up [N days, ]H:MM,  0 users,  load average: a, b, c`. */
function uptime(context: BusyBoxContext): Result {
  const now = new Date(context.now());
  const up = upSeconds(context.host);
  const days = Math.floor(up / 86_400);
  const hours = Math.floor((up % 86_400) / 3600);
  const minutes = Math.floor((up % 3600) / 60);
  const since =
    (days > 0 ? `${days} day${days === 1 ? "" : "s"}, ` : "") +
    (hours > 0 ? `${String(hours).padStart(2)}:${pad2(minutes)}` : `${minutes} min`);
  const [one, five, fifteen] = loadavg(context.host);
  return done(
    ` ${pad2(now.getUTCHours())}:${pad2(now.getUTCMinutes())}:${pad2(now.getUTCSeconds())} up ${since},  0 users,  load average: ${one}, ${five}, ${fifteen}\n`,
  );
}

/** BusyBox ps (DESKTOP, FEATURE_PS_TIME): `PID USER TIME COMMAND`, every option accepted. */
function ps(context: BusyBoxContext): Result {
  const self = { pid: context.nextPid(), ppid: 1, args: ["ps"], vszKi: 1328 };
  const rows = context
    .processes(self)
    .map(
      (p) =>
        `${String(p.pid).padStart(5)} ${"root".padEnd(8)} ${"0:00".padStart(5)} ${p.args.join(" ")}\n`,
    );
  return done(`PID   USER     TIME  COMMAND\n${rows.join("")}`);
}

/**
 * BusyBox top in batch mode, one iteration (`top -bn1`): the memory, CPU and load lines, then
 * processes with FEATURE_TOP_SMP_PROCESS's CPU column; top itself is the one running.
 */
function top(args: readonly string[], context: BusyBoxContext): Result {
  if (!args.some((arg) => /^-\w*b/.test(arg))) {
    return {
      stdout: "",
      stderr: "top: this sandbox's top has no screen mode; top -bn1 prints one report\n",
      exitCode: 1,
    };
  }
  const m = meminfo(context.host);
  const total = m["MemTotal"] ?? 0;
  const freeKi = m["MemFree"] ?? 0;
  const [one, five, fifteen, tasks, last] = loadavg(context.host);
  const self = { pid: context.nextPid(), ppid: 1, args: ["top", ...args], vszKi: 1328 };
  const processes = context.processes(self);
  const running = [self, ...processes.filter((p) => p.pid !== self.pid)];
  const rows = running.map(
    (p) =>
      `${String(p.pid).padStart(5)}${String(p.ppid).padStart(6)} ${"root".padEnd(8)} ${(p === self ? "R" : "S").padEnd(4)}${String(p.vszKi).padStart(6)}   0%   0   0% ${p.args.join(" ")}\n`,
  );
  return done(
    `Mem: ${total - freeKi}K used, ${freeKi}K free, ${m["Shmem"] ?? 0}K shrd, ${m["Buffers"] ?? 0}K buff, ${m["Cached"] ?? 0}K cached\n` +
      "CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq\n" +
      `Load average: ${one} ${five} ${fifteen} ${tasks} ${last}\n` +
      "  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n" +
      rows.join(""),
  );
}

/** BusyBox df: `%-20s %9s %9s %9s %3u%% %s`, filesystems of 0 blocks left out, -h human. */
function df(args: readonly string[], context: BusyBoxContext): Result {
  const human = args.some((arg) => /^-\w*h/.test(arg));
  const operands = args.filter((arg) => !arg.startsWith("-"));
  const shown = context.mounts.filter((mount) => mount.sizeKi > 0);
  const holding = (path: string): ContainerMount | undefined =>
    shown
      .filter((m) => m.dir === "/" || path === m.dir || path.startsWith(`${m.dir}/`))
      .sort((a, b) => b.dir.length - a.dir.length)[0];
  const selected = operands.length === 0 ? shown : operands.flatMap((path) => holding(path) ?? []);
  const cell = (kib: number): string => (human ? humanKi(kib) : String(kib)).padStart(9);
  const lines = selected.map((m) => {
    const avail = m.sizeKi - m.usedKi;
    const percent = m.sizeKi === 0 ? 0 : Math.round((m.usedKi * 100) / (m.usedKi + avail));
    return `${m.device.padEnd(20)} ${cell(m.sizeKi)} ${cell(m.usedKi)} ${cell(avail)} ${String(percent).padStart(3)}% ${m.dir}\n`;
  });
  const size = human ? "Size" : "1K-blocks";
  return done(
    `${"Filesystem".padEnd(20)} ${size.padStart(9)} ${"Used".padStart(9)} Available Use% Mounted on\n${lines.join("")}`,
  );
}

/** BusyBox mount without arguments: /proc/mounts as `DEVICE on DIR type TYPE (OPTIONS)`. */
function mount(context: BusyBoxContext): Result {
  return done(
    context.mounts.map((m) => `${m.device} on ${m.dir} type ${m.type} (${m.options})\n`).join(""),
  );
}

/** The applets above as shell commands. */
export function busyboxApplets(context: BusyBoxContext): Command[] {
  const applet = (name: string, run: (args: string[]) => Result): Command =>
    defineCommand(name, (args) => Promise.resolve(run(args)));
  return [
    applet("ps", () => ps(context)),
    applet("top", (args) => top(args, context)),
    applet("free", (args) => free(args, context)),
    applet("uptime", () => uptime(context)),
    applet("df", (args) => df(args, context)),
    applet("mount", () => mount(context)),
  ];
}
