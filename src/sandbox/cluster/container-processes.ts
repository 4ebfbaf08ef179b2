/**
 * What a container sees as processes (`ps` inside it), from the PID namespace it runs in:
 * - by default each container has its own PID namespace: its main process is PID 1;
 * - `spec.shareProcessNamespace: true`: one namespace for the pod, the sandbox's `/pause` is PID 1
 *   and every running container's main process is in it, its parent (the shim) outside (PPID 0);
 * - an ephemeral container with `targetContainerName` (`kubectl debug POD --target=app`) joins the
 *   target container's namespace: the target's main process is PID 1 there (the kubelet's
 *   NamespaceMode TARGET, kuberuntime_container.go).
 * Only the processes the engine knows are listed (each container's main process); a shell that
 * runs `ps` adds itself and `ps` after them, with PIDs from `nextPid`.
 */
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { RunningContainer } from "./kubelet.ts";

export interface ContainerProcess {
  pid: number;
  /** 0 when the parent is outside the namespace (the container's shim). */
  ppid: number;
  /** The container the process belongs to ("" for the pod's /pause). */
  container: string;
  /** `root`, or the numeric uid the container runs as (runAsUser), as BusyBox ps prints it. */
  user: string;
  startedMs: number;
  /** The command line (/proc/PID/cmdline). */
  argv: readonly string[];
  rssKi: number;
  vszKi: number;
  /** CPU time used so far (ps TIME). */
  cpuMs: number;
}

export interface ProcessView {
  processes: ContainerProcess[];
  /** The PID the next process started in this namespace gets (the shell's own, then `ps`). */
  nextPid: number;
}

/** runc's init and the container's setup use a few PIDs before each new process gets its own. */
const PID_STEP = 6;

function userOf(pod: Pod, container: string): string {
  const spec = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ].find((c) => c.name === container);
  const uid = spec?.securityContext?.runAsUser ?? pod.spec?.securityContext?.runAsUser ?? 0;
  return uid === 0 ? "root" : String(uid);
}

/** The containers of the pod sharing `container`'s PID namespace (itself included). */
function namespaceMembers(pod: Pod, container: string): Set<string> {
  if (pod.spec?.shareProcessNamespace === true) {
    return new Set(
      [
        ...pod.spec.containers,
        ...(pod.spec.initContainers ?? []),
        ...(pod.spec.ephemeralContainers ?? []),
      ].map((c) => c.name),
    );
  }
  // A target's namespace holds the target and every ephemeral container that joined it.
  const ephemeral = pod.spec?.ephemeralContainers ?? [];
  const root = ephemeral.find((c) => c.name === container)?.targetContainerName ?? container;
  return new Set([
    root,
    ...ephemeral.filter((c) => c.targetContainerName === root).map((c) => c.name),
  ]);
}

/**
 * The processes `container` of `pod` sees, PID order, given the node's running containers
 * (Cluster.runningContainers(node)). Empty when the container is not running.
 */
export function processesSeenBy(
  pod: Pod,
  running: readonly RunningContainer[],
  container: string,
  nowMs: number,
): ProcessView {
  const uid = pod.metadata?.uid ?? "";
  const ofPod = running.filter((c) => c.podUid === uid);
  if (!ofPod.some((c) => c.container === container)) return { processes: [], nextPid: 1 };
  const members = namespaceMembers(pod, container);
  const inNamespace = ofPod
    .filter((c) => members.has(c.container))
    .sort((a, b) => a.startedMs - b.startedMs || a.container.localeCompare(b.container));
  const processes: ContainerProcess[] = [];
  let pid = 1;
  if (pod.spec?.shareProcessNamespace === true) {
    processes.push({
      pid,
      ppid: 0,
      container: "",
      user: "65535",
      startedMs: Math.min(...inNamespace.map((c) => c.startedMs)),
      argv: ["/pause"],
      rssKi: 260,
      vszKi: 1020,
      cpuMs: 0,
    });
    pid += PID_STEP;
  }
  for (const c of inNamespace) {
    processes.push({
      pid,
      ppid: 0,
      container: c.container,
      user: userOf(pod, c.container),
      startedMs: c.startedMs,
      argv: c.argv,
      rssKi: Math.round(c.memoryMi * 1024),
      vszKi: Math.round(c.memoryMi * 1024 * 1.4) + 1_600,
      cpuMs: Math.round((c.cpuMillicores * Math.max(0, nowMs - c.startedMs)) / 1000),
    });
    pid += PID_STEP;
  }
  return { processes, nextPid: pid };
}
