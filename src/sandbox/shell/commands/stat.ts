/**
 * coreutils `stat -f` (file system status) over just-bash's stat, which has no -f: the lessons run
 * `stat -fc %T /sys/fs/cgroup` to tell the unified cgroup v2 hierarchy (`cgroup2fs`) from v1
 * (`tmpfs`). The file system of a path is that of the longest mount point above it; names and
 * magic numbers are the ones GNU stat prints (coreutils stat.c human_fstype: ext4 reports
 * `ext2/ext3`, overlay `overlayfs`). Every other form of stat is the built-in's.
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";

/** A mount point and its type as /proc/mounts names it (ext4, cgroup2, overlay, ...). */
export interface MountPoint {
  readonly dir: string;
  readonly type: string;
}

/** GNU stat's name and f_type magic (hex, as %t prints it) per /proc/mounts type. */
const FS_TYPES: Readonly<Record<string, readonly [string, string]>> = {
  ext4: ["ext2/ext3", "ef53"],
  cgroup2: ["cgroup2fs", "63677270"],
  cgroup: ["tmpfs", "1021994"],
  overlay: ["overlayfs", "794c7630"],
  proc: ["proc", "9fa0"],
  sysfs: ["sysfs", "62656572"],
  tmpfs: ["tmpfs", "1021994"],
  devtmpfs: ["tmpfs", "1021994"],
  devpts: ["devpts", "1cd1"],
  vfat: ["msdos", "4d44"],
  mqueue: ["mqueue", "19800202"],
  bpf: ["bpf_fs", "cafe4a11"],
  securityfs: ["securityfs", "73636673"],
  pstore: ["pstorefs", "6165676c"],
  debugfs: ["debugfs", "64626720"],
  tracefs: ["tracefs", "74726163"],
  fusectl: ["fusectl", "65735543"],
  configfs: ["configfs", "62656570"],
};

const TRY = "Try 'stat --help' for more information.\n";

function mountOf(path: string, mounts: readonly MountPoint[]): MountPoint | undefined {
  const inside = (dir: string): boolean =>
    dir === "/" || path === dir || path.startsWith(`${dir}/`);
  return mounts
    .filter((mount) => inside(mount.dir))
    .reduce<MountPoint | undefined>(
      (best, mount) => (best === undefined || mount.dir.length > best.dir.length ? mount : best),
      undefined,
    );
}

/** `--format`/`-c` directives of stat -f that name the file system; others print `?`. */
function formatFs(format: string, name: string, type: readonly [string, string]): string {
  return format.replace(/%(.)/g, (_whole, directive: string) => {
    if (directive === "T") return type[0];
    if (directive === "t") return type[1];
    if (directive === "n") return name;
    if (directive === "l") return "255";
    if (directive === "%") return "%";
    return "?";
  });
}

function fullFsReport(name: string, type: readonly [string, string]): string {
  return (
    `  File: "${name}"\n` +
    `    ID: 0        Namelen: 255     Type: ${type[0]}\n` +
    "Block size: 4096       Fundamental block size: 4096\n" +
    "Blocks: Total: 0          Free: 0          Available: 0\n" +
    "Inodes: Total: 0          Free: 0\n"
  );
}

interface FsArgs {
  readonly format: string | undefined;
  readonly operands: readonly string[];
  readonly badOption: string | undefined;
}

function parseFsArgs(args: readonly string[]): FsArgs {
  let format: string | undefined;
  const operands: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (arg === "--") {
      operands.push(...args.slice(index + 1));
      break;
    }
    if (arg === "--file-system") continue;
    if (arg.startsWith("--format=") || arg.startsWith("--printf=")) {
      format = arg.slice(arg.indexOf("=") + 1) + (arg.startsWith("--format=") ? "\n" : "");
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      operands.push(arg);
      continue;
    }
    for (let at = 1; at < arg.length; at += 1) {
      const letter = arg[at];
      if (letter === "f" || letter === "L" || letter === "t") continue;
      if (letter !== "c")
        return { format, operands, badOption: arg.startsWith("--") ? arg : `-${letter}` };
      format = `${at + 1 < arg.length ? arg.slice(at + 1) : (args[(index += 1)] ?? "")}\n`;
      break;
    }
  }
  return { format, operands, badOption: undefined };
}

const isFsQuery = (args: readonly string[]): boolean =>
  args.some((arg) => arg === "--file-system" || /^-[a-zA-Z]*f/.test(arg));

/** stat with -f answered from `mounts` (the shell's view of its mount table). */
export function statCommand(mounts: () => readonly MountPoint[]): Command {
  return defineCommand("stat", async (args, ctx) => {
    if (!isFsQuery(args)) {
      const original = ctx.origCommand;
      if (!original) return { stdout: "", stderr: "stat: not available\n", exitCode: 1 };
      return await original(args);
    }
    const parsed = parseFsArgs(args);
    if (parsed.badOption !== undefined) {
      return {
        stdout: "",
        stderr: `stat: invalid option -- '${parsed.badOption.slice(1)}'\n${TRY}`,
        exitCode: 1,
      };
    }
    if (parsed.operands.length === 0) {
      return { stdout: "", stderr: `stat: missing operand\n${TRY}`, exitCode: 1 };
    }
    let stdout = "";
    let stderr = "";
    let exitCode = 0;
    for (const name of parsed.operands) {
      const path = ctx.fs.resolvePath(ctx.cwd, name);
      // A mount point exists even where the sandbox keeps no files under it (/sys/fs/cgroup).
      const exists = mounts().some((m) => m.dir === path) || (await ctx.fs.exists(path));
      const mount = exists ? mountOf(path, mounts()) : undefined;
      const type = mount === undefined ? undefined : FS_TYPES[mount.type];
      if (type === undefined) {
        stderr += `stat: cannot read file system information for '${name}': No such file or directory\n`;
        exitCode = 1;
        continue;
      }
      stdout +=
        parsed.format === undefined
          ? fullFsReport(name, type)
          : formatFs(parsed.format, name, type);
    }
    return { stdout, stderr, exitCode };
  });
}
