/**
 * Shells inside containers that kubectl attaches the terminal to. The one that matters is the node
 * debug pod of `kubectl debug node/N -it --image=ubuntu`: a root shell in the ubuntu image on the
 * node's network and PID namespaces, with the node's root filesystem mounted at /host. As on a real
 * cluster the ubuntu image has no journalctl, systemctl or crictl; `chroot /host` reaches the
 * node's own tools, built from the cluster's model of that node.
 */
import { InMemoryFs } from "just-bash";
import type { Command } from "just-bash";
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { Cluster, ProcessView } from "../cluster/cluster.ts";
import type { NodeHost } from "../cluster/node-host.ts";
import type { AttachSpec } from "../kubectl/index.ts";
import { busyboxApplets, podMounts, procMounts } from "./busybox.ts";
import type { ContainerMount, ContainerProcess } from "./busybox.ts";
import { crictl } from "./node-tools/crictl.ts";
import { dmesg } from "./node-tools/dmesg.ts";
import { journalctl } from "./node-tools/journalctl.ts";
import { df, free, ps } from "./node-tools/procps.ts";
import { systemctl } from "./node-tools/systemctl.ts";
import type { NodeToolContext, ToolResult } from "./node-tools/tool-context.ts";
import type { MountPoint } from "./commands/stat.ts";
import { Shell, defineCommand } from "./shell.ts";
import type { ShellClock } from "./shell.ts";
import { imageUserland, osRelease, shellDialect } from "./userland.ts";

export interface ContainerShellContext {
  readonly cluster: Cluster;
  readonly clock: ShellClock;
  readonly random: () => number;
  /** Hands the terminal to a nested interactive shell; resolves with its exit status. */
  openShell(shell: Shell): Promise<number>;
  /** Resolves on Ctrl-C, or at once when no one can press it (a script). */
  waitForInterrupt(): Promise<void>;
}

/** Top-level directories of the node's root filesystem (what `ls /host` shows). */
const ROOT_DIRS = [
  "bin",
  "boot",
  "dev",
  "etc",
  "home",
  "lib",
  "lib64",
  "media",
  "mnt",
  "opt",
  "proc",
  "root",
  "run",
  "sbin",
  "srv",
  "sys",
  "tmp",
  "usr",
  "var",
];

/** The virtual size (KiB) ps shows for BusyBox's sh and applets. */
const BUSYBOX_VSZ_KI = 1332;

/** `sh`, `/bin/sh`, `bash`, `/usr/bin/bash`: words that start the image's shell. */
const SHELL_PROGRAM = /^(?:\/(?:usr\/)?bin\/)?(?:ba)?sh$/;

const quote = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * What a debug image (ubuntu, busybox...) lacks that people reach for in a node debug pod, and
 * why, naming the image in use (`ubuntu` for `--image=ubuntu:24.04`).
 */
function nodeOnlyTools(image: string): Readonly<Record<string, string>> {
  const name =
    image
      .replace(/@.*$/, "")
      .replace(/:[^/:]*$/, "")
      .split("/")
      .at(-1) ?? image;
  return {
    journalctl: `The ${name} image has no journalctl; the node's journal is read with the node's own`,
    systemctl: `The ${name} image has no systemd; the node's services are managed with the node's own`,
    crictl: "crictl is installed on the node, not in the image; run the node's",
    ps: `The ${name} image has no procps; run the node's`,
    free: `The ${name} image has no procps; run the node's`,
  };
}

/** The coach's line: the same command, run with the node's tools through chroot /host. */
function debugPodHints(
  image: string,
): Readonly<Record<string, (args: readonly string[]) => string>> {
  return Object.fromEntries(
    Object.entries(nodeOnlyTools(image)).map(([name, why]) => [
      name,
      (args: readonly string[]) => `${why}: chroot /host ${[name, ...args].map(quote).join(" ")}`,
    ]),
  );
}

function rootEnv(hostname: string): Record<string, string> {
  return {
    HOME: "/root",
    HOSTNAME: hostname,
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    TERM: "xterm",
    PWD: "/",
  };
}

function toolCommand(
  name: string,
  run: (args: string[]) => ToolResult | Promise<ToolResult>,
): Command {
  return defineCommand(name, async (args) => await run(args));
}

/** The node's root filesystem as seen from `prefix` ("" inside chroot, "/host" outside). */
async function writeNodeFiles(fs: InMemoryFs, host: NodeHost, prefix: string): Promise<void> {
  for (const dir of ROOT_DIRS) await fs.mkdir(`${prefix}/${dir}`, { recursive: true });
  for (const path of host.files()) {
    const target = `${prefix}${path}`;
    await fs.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await fs.writeFile(target, host.readFile(path) ?? "");
  }
}

function nodeTools(context: NodeToolContext): Command[] {
  return [
    toolCommand("journalctl", (args) => journalctl(args, context)),
    toolCommand("systemctl", (args) => systemctl(args, context)),
    toolCommand("crictl", (args) => crictl(args, context)),
    toolCommand("dmesg", (args) => dmesg(args, context)),
    toolCommand("ps", (args) => ps(args, context)),
    toolCommand("free", (args) => free(args, context)),
    toolCommand("df", (args) => df(args)),
  ];
}

/**
 * A container's mounts as containerd and the kubelet set them up (busybox.ts podMounts); a node
 * debug pod adds the node's root at /host as the kubelet mounts hostPath volumes, recursively
 * (rbind), so /host/sys/fs/cgroup is the node's cgroup2 and /host/proc its proc.
 */
function containerMounts(pod: readonly ContainerMount[], host: NodeHost | undefined): MountPoint[] {
  return [
    ...pod,
    ...(host?.mounts() ?? []).map((mount) => ({
      dir: mount.dir === "/" ? "/host" : `/host${mount.dir}`,
      type: mount.type,
    })),
  ];
}

/** Files of a container's /proc: the kernel's figures are the node's, the mounts its own. */
async function writeProcFiles(
  fs: InMemoryFs,
  host: NodeHost,
  mounts: readonly ContainerMount[],
): Promise<void> {
  await fs.mkdir("/proc", { recursive: true });
  for (const file of ["meminfo", "uptime", "loadavg", "version"]) {
    await fs.writeFile(`/proc/${file}`, host.readFile(`/proc/${file}`) ?? "");
  }
  await fs.writeFile("/proc/mounts", procMounts(mounts));
}

/**
 * The processes of a container's PID namespace as the engine sees them
 * (Cluster.containerProcesses: its main process as PID 1, the target's with `--target`, every
 * container's with shareProcessNamespace), plus the shell a kubectl exec started, unless the
 * terminal is attached to the main process itself (`kubectl run -it ... -- sh`, `kubectl debug
 * -it`). Before the container runs, its main process alone.
 */
function containerProcesses(
  seen: ProcessView,
  main: readonly string[],
  shell: readonly string[],
): { list: (self: ContainerProcess) => ContainerProcess[]; lastPid: number } {
  const attachedToMain = main.length === 0 || main.join(" ") === shell.join(" ");
  // ps runs only where BusyBox is the userland, whose sh is the ~1.3 MiB busybox binary.
  const running: ContainerProcess[] = seen.processes.map((p) => ({
    pid: p.pid,
    ppid: p.ppid,
    args: p.argv,
    vszKi: SHELL_PROGRAM.test(p.argv[0] ?? "") ? BUSYBOX_VSZ_KI : p.vszKi,
  }));
  const fixed =
    running.length > 0
      ? running
      : [{ pid: 1, ppid: 0, args: main.length === 0 ? shell : main, vszKi: BUSYBOX_VSZ_KI }];
  const firstFree = running.length > 0 ? seen.nextPid : 7;
  // runc's init and the exec's setup take the PIDs before the first process the learner starts.
  const exec: ContainerProcess = { pid: firstFree, ppid: 0, args: shell, vszKi: BUSYBOX_VSZ_KI };
  const all = attachedToMain ? fixed : [...fixed, exec];
  const parent = all.at(-1)?.pid ?? 1;
  return {
    list: (self) => [...all, { ...self, ppid: parent }],
    lastPid: attachedToMain ? firstFree - 1 : firstFree + 5,
  };
}

/** The node's own shell, reached with `chroot /host`. */
function nodeRootShell(
  host: NodeHost,
  toolContext: NodeToolContext,
  context: ContainerShellContext,
): Shell {
  const fs = new InMemoryFs();
  return new Shell({
    fs,
    clock: context.clock,
    random: context.random,
    env: rootEnv(host.name),
    cwd: "/",
    user: "root",
    hostname: host.name,
    host: `node:${host.name}`,
    commands: nodeTools(toolContext),
    mounts: host.mounts(),
    beforeRun: () => writeNodeFiles(fs, host, ""),
  });
}

/** coreutils chroot: `chroot /host` opens the node's shell, `chroot /host CMD...` runs CMD there. */
function chrootCommand(
  host: NodeHost,
  toolContext: NodeToolContext,
  context: ContainerShellContext,
): Command {
  return defineCommand("chroot", async (args, ctx) => {
    const [root, ...command] = args.filter((arg, index) => index > 0 || !arg.startsWith("--"));
    if (root === undefined) {
      return {
        stdout: "",
        stderr: "chroot: missing operand\nTry 'chroot --help' for more information.\n",
        exitCode: 125,
      };
    }
    const normalised = root.replace(/\/+$/, "");
    if (normalised !== "/host") {
      const exists = await ctx.fs.exists(root.startsWith("/") ? root : `${ctx.cwd}/${root}`);
      // A directory that is not a whole root filesystem has no shell to run.
      const stderr = exists
        ? `chroot: failed to run command '/bin/bash': No such file or directory\n`
        : `chroot: cannot change root directory to '${root}': No such file or directory\n`;
      return { stdout: "", stderr, exitCode: exists ? 127 : 125 };
    }
    const shell = nodeRootShell(host, toolContext, context);
    if (command.length === 0)
      return { stdout: "", stderr: "", exitCode: await context.openShell(shell) };
    const [program] = command;
    if (program !== undefined && !shell.commandNames().includes(program.replace(/^.*\//, ""))) {
      return {
        stdout: "",
        stderr: `chroot: failed to run command '${program}': No such file or directory\n`,
        exitCode: 127,
      };
    }
    const result = await shell.run(
      command.map(quote).join(" "),
      ctx.signal ?? new AbortController().signal,
      () => undefined,
    );
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
  });
}

/** The shell a kubectl attach opens, or undefined when the pod or its node is unknown. */
export function containerShell(
  spec: AttachSpec,
  context: ContainerShellContext,
): Shell | undefined {
  const { cluster } = context;
  const pod = cluster.store.get<Pod>("pods", spec.namespace, spec.pod);
  const container = pod?.spec?.containers.find((c) => c.name === spec.container);
  const nodeName = spec.node === "" ? pod?.spec?.nodeName : spec.node;
  const host = nodeName === undefined ? undefined : cluster.nodeHost(nodeName);
  if (!host) return undefined;
  const toolContext: NodeToolContext = {
    cluster,
    host,
    // --profile=sysadmin makes the debug container privileged (CAP_SYSLOG, so dmesg can read).
    privileged: spec.profile === "sysadmin" || container?.securityContext?.privileged === true,
    waitForInterrupt: () => context.waitForInterrupt(),
  };
  const fs = new InMemoryFs();
  const isNodeDebugPod = spec.kind === "node-debug";
  const hostname = pod?.spec?.hostNetwork === true || isNodeDebugPod ? host.name : spec.pod;
  const userland = imageUserland(spec.image, cluster.image(spec.image));
  const [program] = spec.command ?? [];
  const dialect = shellDialect(userland, program);
  const release = osRelease(userland);
  const memoryKi = Number(/MemTotal:\s+(\d+)/.exec(host.readFile("/proc/meminfo") ?? "")?.[1] ?? 0);
  const mounts = podMounts(memoryKi);
  const imageSpec = cluster.image(spec.image);
  const main = [
    ...(container?.command ?? imageSpec?.entrypoint ?? []),
    ...(container?.args ?? imageSpec?.cmd ?? []),
  ];
  const shellArgs = spec.command ?? ["sh"];
  const processes = containerProcesses(
    cluster.containerProcesses(spec.namespace, spec.pod, spec.container),
    main,
    shellArgs,
  );
  let { lastPid } = processes;
  // A node debug pod shares the node's PID namespace: its ps is not the container's view.
  const applets =
    dialect === "ash"
      ? busyboxApplets({
          host,
          now: () => context.clock.now(),
          mounts,
          processes: processes.list,
          nextPid: () => (lastPid += 1),
        }).filter((applet) => !isNodeDebugPod || !["ps", "top"].includes(applet.name))
      : [];
  return new Shell({
    fs,
    clock: context.clock,
    random: context.random,
    env: rootEnv(hostname),
    cwd: "/",
    user: "root",
    hostname,
    host: isNodeDebugPod ? `debug-pod:${host.name}` : `pod:${spec.namespace}/${spec.pod}`,
    hints: isNodeDebugPod ? debugPodHints(spec.image) : {},
    dialect,
    arg0: program !== undefined && SHELL_PROGRAM.test(program) ? program : "sh",
    without: dialect === "ash" ? ["bash"] : isNodeDebugPod ? [] : ["ps", "free"],
    mounts: containerMounts(mounts, isNodeDebugPod ? host : undefined),
    commands: [
      // util-linux (dmesg) and coreutils (df, chroot) are in the ubuntu image.
      toolCommand("dmesg", (args) => dmesg(args, toolContext)),
      toolCommand("df", (args) => df(args, isNodeDebugPod ? "/host" : "")),
      ...(isNodeDebugPod ? [chrootCommand(host, toolContext, context)] : []),
      ...applets,
    ],
    beforeRun: async () => {
      await fs.mkdir("/root", { recursive: true });
      await fs.mkdir("/tmp", { recursive: true });
      await fs.mkdir("/etc", { recursive: true });
      if (release !== undefined) await fs.writeFile("/etc/os-release", release);
      await writeProcFiles(fs, host, mounts);
      if (isNodeDebugPod) await writeNodeFiles(fs, host, "/host");
    },
  });
}

/**
 * Runs the command given after `--` to a container that is not interactive. `bash -c SCRIPT`
 * runs SCRIPT as bash does, which names the line in its messages ("bash: line 1: ...").
 */
export async function runContainerCommand(
  shell: Shell,
  command: readonly string[],
  signal: AbortSignal,
  write: (text: string) => void,
): Promise<{ output: string; exitCode: number }> {
  const [program, flag, script] = command;
  const isShellScript =
    program !== undefined && SHELL_PROGRAM.test(program) && flag === "-c" && script !== undefined;
  const line = isShellScript ? script : command.map(quote).join(" ");
  const result = await shell.run(line, signal, write);
  let output = result.stdout + result.stderr;
  if (isShellScript)
    output = output.replace(
      /^bash: (?!line \d+:)([^:\n]+): command not found$/gm,
      "bash: line 1: $1: command not found",
    );
  return { output, exitCode: result.exitCode };
}
