/**
 * What containerd and runc say when a container cannot start. The kubelet copies the error into
 * lastState.terminated.message (reason StartError, exitCode 128, startedAt 1970-01-01T00:00:00Z)
 * and into the Failed event as "Error: <message>". Texts follow runc 1.1+ under containerd 1.7.
 */
import type { ImageSpec } from "../../schemas/scenario.ts";

const RUNC =
  "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ";

export function execPermissionDenied(path: string): string {
  return `${RUNC}exec: "${path}": permission denied: unknown`;
}

export function execNoSuchFile(path: string): string {
  return `${RUNC}exec: "${path}": stat ${path}: no such file or directory: unknown`;
}

export function execNotInPath(name: string): string {
  return `${RUNC}exec: "${name}": executable file not found in $PATH: unknown`;
}

export function mountNotADirectory(source: string, target: string): string {
  return `${RUNC}error during container init: error mounting "${source}" to rootfs at "${target}": mount ${source}:${target} (via /proc/self/fd/6), flags: 0x5001: not a directory: unknown`;
}

/** A containerd whose shims no longer answer (the runtime-failure fault). */
export const SHIM_DEADLINE =
  "failed to create containerd task: failed to create shim task: context deadline exceeded: unknown";

/** runc's parent loses its child when fork() fails for want of PIDs (the pid-limit fault). */
export const PIDS_EXHAUSTED = `${RUNC}can't get final child's PID from pipe: EOF: unknown`;

export function cgroupMkdirFailed(cgroupPath: string): string {
  return `${RUNC}unable to apply cgroup configuration: mkdir ${cgroupPath}: cannot allocate memory: unknown`;
}

/** runc's own diagnosis when the kernel OOM-kills runc init before the process starts. */
export const INIT_OOM_KILLED = `${RUNC}container init was OOM-killed (memory limit too low?): unknown`;

export interface MountedPath {
  mountPath: string;
  /** The host path the kubelet bind-mounts (a volume directory, or a hostPath). */
  source: string;
  sourceIsDirectory: boolean;
}

const PATH_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];
const SHELLS = new Set(["/bin/sh", "/bin/bash", "sh", "bash", "/bin/ash", "ash"]);

/** The image's file runc would exec for the program: the path itself or its $PATH lookup. */
function executable(image: ImageSpec, program: string): ImageSpec["files"][number] | undefined {
  const candidates = program.includes("/")
    ? [program]
    : PATH_DIRS.map((dir) => `${dir}/${program}`);
  return image.files.find((f) => candidates.includes(f.path));
}

/**
 * A binary for another CPU (or a text file without #!) passes runc's checks and fails in the
 * execve(2) itself, which runc init makes only after `runc start` (libcontainer
 * standard_init_linux.go: the exec fifo is opened, then system.Exec). So the container has
 * started: runc init writes "exec <path>: exec format error" to the container's stderr and exits
 * 1 (runc 1.1, as containerd 1.7 ships it; runc 1.2 exits 255). Kubernetes shows reason Error,
 * not StartError, and not 128. Returns that line, or undefined when the exec works.
 */
export function execFormatFailure(image: ImageSpec, argv: readonly string[]): string | undefined {
  const program = argv[0];
  if (program === undefined || SHELLS.has(program)) return undefined;
  const file = executable(image, program);
  if (file?.format !== "elf-arm64" && file?.format !== "text") return undefined;
  return `exec ${file.path}: exec format error`;
}

/**
 * runc's checks before exec: the mounts, then the executable. Returns the message on failure.
 * Shells are assumed present when the image says so.
 */
export function checkExec(
  image: ImageSpec,
  argv: readonly string[],
  mounts: readonly MountedPath[],
): string | undefined {
  for (const mount of mounts) {
    const file = image.files.find((f) => f.path === mount.mountPath);
    if (file && file.format !== "directory" && mount.sourceIsDirectory)
      return mountNotADirectory(mount.source, mount.mountPath);
  }
  const program = argv[0];
  if (program === undefined) return execNotInPath("");
  if (SHELLS.has(program)) {
    return image.shell
      ? undefined
      : program.includes("/")
        ? execNoSuchFile(program)
        : execNotInPath(program);
  }
  if (mounts.some((m) => m.mountPath === program)) return execPermissionDenied(program);
  const file = executable(image, program);
  if (!file) return program.includes("/") ? execNoSuchFile(program) : execNotInPath(program);
  const shown = program.includes("/") ? program : file.path;
  if (file.format === "directory") return execPermissionDenied(shown);
  if ((Number.parseInt(file.mode, 8) & 0o111) === 0) return execPermissionDenied(shown);
  if (
    file.format === "script" &&
    file.interpreter !== undefined &&
    !image.files.some((f) => f.path === file.interpreter) &&
    !(image.shell && SHELLS.has(file.interpreter))
  ) {
    return execNoSuchFile(shown);
  }
  return undefined;
}
