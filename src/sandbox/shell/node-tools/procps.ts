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
}

function processes(context: NodeToolContext): Process[] {
  const { host } = context;
  const list: Process[] = [
    { pid: 1, ppid: 0, startMs: host.bootTimeMs, command: "/sbin/init" },
    { pid: 2, ppid: 0, startMs: host.bootTimeMs, command: "[kthreadd]" },
  ];
  for (const unit of host.units()) {
    if (unit.activeState !== "active") continue;
    const command =
      unit.name === "containerd"
        ? "/usr/bin/containerd"
        : unit.name === "kubelet"
          ? "/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml"
          : unit.name === "ssh"
            ? "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"
            : `/lib/systemd/${unit.name}`;
    list.push({ pid: unit.mainPid, ppid: 1, startMs: unit.sinceMs, command });
  }
  let pid = 3000;
  for (const container of host.criContainers()) {
    if (container.state !== "CONTAINER_RUNNING") continue;
    pid += 7;
    list.push({
      pid,
      ppid: 1,
      startMs: container.startedMs ?? container.createdMs,
      command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${container.podSandboxId} -address /run/containerd/containerd.sock`,
    });
    list.push({
      pid: pid + 3,
      ppid: pid,
      startMs: container.startedMs ?? container.createdMs,
      command: container.name,
    });
  }
  return list.sort((a, b) => a.pid - b.pid);
}

const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

export function ps(args: readonly string[], context: NodeToolContext): ToolResult {
  const joined = args.join(" ");
  const list = processes(context);
  if (/(^|\s)-?[a-z]*a[a-z]*u|aux/.test(joined)) {
    const header = "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n";
    const rows = list.map(
      (p) =>
        `${"root".padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.1 ${String(20000 + p.pid * 13).padStart(6)} ${String(9000 + p.pid).padStart(5)} ?        Ssl  ${hhmm(p.startMs)}   0:01 ${p.command}\n`,
    );
    return done(header + rows.join(""));
  }
  if (/-[a-z]*e[a-z]*f|-ef/.test(joined) || args.includes("-e") || args.includes("-A")) {
    const header = "UID          PID    PPID  C STIME TTY          TIME CMD\n";
    const rows = list.map(
      (p) =>
        `${"root".padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${hhmm(p.startMs)} ?        00:00:01 ${p.command}\n`,
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
