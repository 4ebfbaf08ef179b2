/**
 * One node's kubelet and container runtime: it runs the pods bound to its node through the same
 * steps a real kubelet takes (pull or find the image, create, start, watch the process, restart
 * with back-off, stop on deletion) and reports them as pod status, events and journal lines.
 */
import type {
  Container,
  ContainerState,
  ContainerStatus,
  Node,
  Pod,
  PodCondition,
  PodStatus,
} from "kubernetes-types/core/v1.d.ts";
import { imageSpecSchema, type ImageSpec, type ProcessSpec } from "../../schemas/scenario.ts";
import type { EngineContext } from "./context.ts";
import { backoffSeconds, BACKOFF_RESET_SECONDS } from "./crash-loop-backoff.ts";
import { memoryMi, terminatedReason, wrapExitValue } from "./exit-status.ts";
import { goQuote, klogHeader } from "./log-formats.ts";
import { mountedFiles, mountFailure } from "./volume-files.ts";
import { containerEnvironment, expandReferences } from "./container-config.ts";
import { gitProcess } from "./git-remote.ts";
import {
  effectiveProcess,
  readsTerminal,
  repeatedLines,
  waitingForInput,
} from "./process-behaviour.ts";
import type { NodeHost, RuntimeHealth } from "./node-host.ts";
import {
  checkExec,
  execFormatFailure,
  cgroupMkdirFailed,
  INIT_OOM_KILLED,
  PIDS_EXHAUSTED,
  SHIM_DEADLINE,
  type MountedPath,
} from "./runtime-errors.ts";
import { goDuration, goTimeString, rfc3339, UNIX_EPOCH } from "./time-format.ts";

const HEALTHY_NODE: RuntimeHealth = {
  shimsWedged: false,
  criHung: false,
  cgroupCreationFails: false,
  memoryExhausted: false,
};

/** A pod made by `kubectl debug node/NAME`: kubectl names it node-debugger-<node>-<suffix>. */
function isNodeDebugPod(pod: Pod): boolean {
  return (
    (pod.metadata?.name ?? "").startsWith("node-debugger-") &&
    (pod.spec?.containers ?? []).some((container) => container.name === "debugger")
  );
}

export interface LogLine {
  timeMs: number;
  text: string;
  stream: "stdout" | "stderr";
}

/** The API server's 400 answers to a log request, with its message. */
export class LogsError extends Error {
  override name = "LogsError";
  readonly code = 400;
}

interface Instance {
  id: string;
  attempt: number;
  createdMs: number;
  /** undefined when the process never started (StartError). */
  startedMs: number | undefined;
  finishedMs: number | undefined;
  exitCode: number | undefined;
  reason: string | undefined;
  message: string | undefined;
  logs: LogLine[];
  /** A line it keeps writing at an interval (`while true; do date; sleep 2; done`). */
  repeats: ProcessSpec["repeats"];
  memoryMi: number;
  pids: number;
  /** Average CPU use while it runs, in millicores (what the kubelet's resource metrics report). */
  cpuMillicores: number;
  /** The command line with $(VAR) references expanded, and the environment. */
  argv: string[];
  env: ReadonlyMap<string, string>;
  killing: boolean;
  /** A shell reading the terminal attached to its stdin: it runs until that session ends. */
  interactive: boolean;
}

/** A container running now, as the kubelet's /metrics/resource endpoint reports it. */
export interface RunningContainer {
  namespace: string;
  pod: string;
  podUid: string;
  container: string;
  startedMs: number;
  memoryMi: number;
  cpuMillicores: number;
  /** Its main process's command line. */
  argv: readonly string[];
}

/**
 * "starting": created, and the runtime's StartContainer has not returned yet. "config-error": the
 * kubelet could not build the container's configuration (a missing Secret) and retries later.
 */
type ContainerPhase =
  "new" | "pulling" | "config-error" | "starting" | "running" | "exited" | "backoff" | "done";

interface ContainerRecord {
  owner: { dirty: boolean };
  spec: Container;
  init: boolean;
  /** An ephemeral container (`kubectl debug POD`): started once, never restarted. */
  ephemeral: boolean;
  /**
   * The attached session closed the container's stdin (stdinOnce): later instances of an
   * interactive shell read end-of-file at once.
   */
  stdinClosed: boolean;
  phase: ContainerPhase;
  instances: Instance[];
  consecutiveFailures: number;
  backoffSeconds: number;
  backoffUntilMs: number;
  /** The waiting reason after a failed start, shown until the next sync (RunContainerError). */
  startErrorMessage: string | undefined;
  /** Why the configuration could not be built (CreateContainerConfigError). */
  configError: string | undefined;
  /** Bumped whenever the phase changes, so stale timers do nothing. */
  epoch: number;
}

interface PodRecord {
  uid: string;
  namespace: string;
  name: string;
  sandboxId: string;
  ip: string;
  startMs: number;
  inits: ContainerRecord[];
  containers: ContainerRecord[];
  /** Ephemeral containers, in the order they were added to spec.ephemeralContainers. */
  ephemerals: ContainerRecord[];
  transitions: Map<string, { status: string; atMs: number }>;
  pullsRecorded: Set<string>;
  terminating: boolean;
  lastStatusJson: string;
  /** Something happened to the pod since its last sync (a timer fired, a phase changed). */
  owner: { dirty: boolean };
  /** Its QoS class, which names its cgroup slice. */
  qosClass: string;
  /** The pod's resourceVersion after the kubelet's last sync of it. */
  seenVersion: string;
  /** The sandbox exists: volumes were set up first, then RunPodSandbox gave it its IP. */
  sandboxReady: boolean;
  /** Failed attempts to set up the pod's volumes, and when the next one may run. */
  mountFailures: number;
  mountRetryAtMs: number;
}

function containerRecord(
  owner: { dirty: boolean },
  spec: Container,
  init: boolean,
  ephemeral: boolean,
): ContainerRecord {
  return {
    owner,
    spec,
    init,
    ephemeral,
    stdinClosed: false,
    phase: "new",
    instances: [],
    consecutiveFailures: 0,
    backoffSeconds: 0,
    backoffUntilMs: 0,
    startErrorMessage: undefined,
    configError: undefined,
    epoch: 0,
  };
}

/** Every container of a pod: init, regular and ephemeral. */
function allContainers(record: PodRecord): ContainerRecord[] {
  return [...record.inits, ...record.containers, ...record.ephemerals];
}

/** A component's line with klog's header; in a container the process is PID 1. */
function klogLine(spec: string, timeMs: number, index: number, text: string): string {
  const [severity, location] = spec.split(" ");
  const micros = (timeMs * 7 + index * 131) % 1000;
  return `${klogHeader(severity === "W" || severity === "E" ? severity : "I", timeMs, micros, 1, location ?? "")} ${text}`;
}

/** Image digests are a pure function of the name; computing one is a loop worth doing once. */
const digests = new Map<string, string>();

/** A stable sha256-looking digest for an image name (FNV-1a rounds). */
function computeDigest(image: string): string {
  let h = 0x811c9dc5;
  let out = "";
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${image}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}

/** The kubelet resyncs a pod in back-off about this often, recording a BackOff event each time. */
const BACKOFF_RESYNC_MS = 20_000;
/** Virtual latencies of runtime calls, so events and journal lines are not all on one instant. */
const CREATE_MS = 63;
/** The pod worker's back-off before it retries a sync that failed (pod_workers.go backOffPeriod). */
const CONFIG_RETRY_MS = 10_000;
const START_MS = 117;
/** The volume manager's longest wait between two mount attempts (maxDurationBeforeRetry). */
const MOUNT_RETRY_CAP_MS = 122_000;

export class Kubelet {
  readonly nodeName: string;
  readonly host: NodeHost;
  readonly #ctx: EngineContext;
  readonly #pods = new Map<string, PodRecord>();
  readonly #presentImages = new Set<string>();
  readonly #podCidrIndex: number;
  #nextIp = 2;

  constructor(
    ctx: EngineContext,
    nodeName: string,
    host: NodeHost,
    podCidrIndex: number,
    presentImages: readonly string[],
  ) {
    this.#ctx = ctx;
    this.nodeName = nodeName;
    this.host = host;
    this.#podCidrIndex = podCidrIndex;
    for (const image of presentImages) this.#presentImages.add(image);
    host.usage = () => this.usage();
  }

  /** PIDs and memory used by the running containers (what kubepods.slice accounts). */
  usage(): { pids: number; memoryKi: number } {
    let pids = 0;
    let memoryKi = 0;
    for (const pod of this.#pods.values()) {
      for (const rec of allContainers(pod)) {
        const current = rec.instances.at(-1);
        if (rec.phase === "running" && current) {
          pids += current.pids;
          memoryKi += current.memoryMi * 1024;
        }
      }
    }
    return { pids, memoryKi };
  }

  /** The containers running now with their start time and resource use. */
  runningContainers(): RunningContainer[] {
    const out: RunningContainer[] = [];
    for (const pod of this.#pods.values()) {
      for (const rec of allContainers(pod)) {
        const current = rec.instances.at(-1);
        if (rec.phase !== "running" || current?.startedMs === undefined) continue;
        out.push({
          namespace: pod.namespace,
          pod: pod.name,
          podUid: pod.uid,
          container: rec.spec.name,
          startedMs: current.startedMs,
          memoryMi: current.memoryMi,
          cpuMillicores: current.cpuMillicores,
          argv: current.argv,
        });
      }
    }
    return out;
  }

  /** Brings every pod bound to this node one step closer to its desired state. */
  sync(): void {
    const pods = this.#ctx.store.readList<Pod>("pods", {
      fieldSelector: `spec.nodeName=${this.nodeName}`,
    });
    const seen = new Set<string>();
    // With the runtime hung the kubelet skips pod synchronization (runtime-health.ts); node debug
    // pods stand in for the SSH access an engineer would use instead.
    const hung = this.host.health.criHung;
    for (const pod of pods) {
      const uid = pod.metadata?.uid ?? "";
      seen.add(uid);
      if (hung && !isNodeDebugPod(pod)) continue;
      const known = this.#pods.get(uid);
      if (known && !known.owner.dirty && known.seenVersion === pod.metadata?.resourceVersion)
        continue;
      this.#syncPod(pod);
      const record = this.#pods.get(uid);
      if (record) {
        record.owner.dirty = false;
        record.seenVersion =
          this.#ctx.store.read("pods", record.namespace, record.name)?.metadata?.resourceVersion ??
          "";
      }
    }
    for (const [uid, record] of [...this.#pods.entries()]) {
      if (!seen.has(uid)) this.#forget(record);
    }
  }

  /**
   * Writes every pod's status again on the next sync, after something outside the kubelet (the
   * node lifecycle controller marking pods not ready) changed it.
   */
  forgetStatuses(): void {
    for (const record of this.#pods.values()) {
      record.lastStatusJson = "";
      record.owner.dirty = true;
    }
  }

  #forget(record: PodRecord): void {
    this.#pods.delete(record.uid);
    for (const rec of allContainers(record)) {
      for (const instance of rec.instances) this.host.containers.delete(instance.id);
    }
  }

  #record(pod: Pod): PodRecord {
    const uid = pod.metadata?.uid ?? "";
    let record = this.#pods.get(uid);
    if (!record) {
      const now = this.#ctx.clock.now();
      const owner = { dirty: true };
      const make = (spec: Container, init: boolean): ContainerRecord =>
        containerRecord(owner, spec, init, false);
      record = {
        owner,
        uid,
        namespace: pod.metadata?.namespace ?? "default",
        name: pod.metadata?.name ?? "",
        sandboxId: "",
        ip: "",
        sandboxReady: false,
        mountFailures: 0,
        mountRetryAtMs: 0,
        startMs: now,
        inits: (pod.spec?.initContainers ?? []).map((c) => make(c, true)),
        containers: (pod.spec?.containers ?? []).map((c) => make(c, false)),
        ephemerals: [],
        transitions: new Map(),
        pullsRecorded: new Set(),
        terminating: false,
        lastStatusJson: "",
        seenVersion: "",
        qosClass: pod.status?.qosClass ?? "BestEffort",
      };
      this.#pods.set(uid, record);
    }
    return record;
  }

  /**
   * The kubelet sets up the pod's volumes before anything else (WaitForAttachAndMount), then
   * asks the runtime for the sandbox, which gets the pod its IP. False while a Secret or
   * ConfigMap volume cannot be set up: the volume manager retries with exponential back-off
   * (500 ms doubling to 2m2s, nestedpendingoperations.go), a FailedMount event each time.
   */
  #ensureSandbox(pod: Pod, record: PodRecord): boolean {
    if (record.sandboxReady) return true;
    const now = this.#ctx.clock.now();
    if (now < record.mountRetryAtMs) return false;
    const failure = mountFailure(this.#ctx.store, pod);
    if (failure) {
      this.#mountFailed(pod, record, failure.volume, failure.message);
      return false;
    }
    record.sandboxReady = true;
    record.sandboxId = this.#ctx.random.hex(64);
    record.ip =
      pod.spec?.hostNetwork === true
        ? this.#hostIp()
        : `10.244.${this.#podCidrIndex}.${this.#nextIp++}`;
    const metadata = `&PodSandboxMetadata{Name:${record.name},Uid:${record.uid},Namespace:${record.namespace},Attempt:0,}`;
    this.host.containerdLog("info", `RunPodSandbox for ${metadata}`, now);
    this.host.containerdLog(
      "info",
      `RunPodSandbox for ${metadata} returns sandbox id ${goQuote(record.sandboxId)}`,
      now + 41,
    );
    return true;
  }

  #mountFailed(pod: Pod, record: PodRecord, volume: string, message: string): void {
    const now = this.#ctx.clock.now();
    const retryMs = Math.min(500 * 2 ** record.mountFailures, MOUNT_RETRY_CAP_MS);
    record.mountFailures++;
    record.mountRetryAtMs = now + retryMs;
    this.#event(
      pod,
      undefined,
      "Warning",
      "FailedMount",
      `MountVolume.SetUp failed for volume "${volume}" : ${message}`,
    );
    const unit = this.host.units().find((u) => u.name === "kubelet");
    const pid = unit?.mainPid ?? 0;
    const kubeletStartMs = unit?.sinceMs ?? this.host.bootTimeMs;
    const unique = `kubernetes.io/secret/${record.uid}-${volume}`;
    this.host.logUnit(
      "kubelet",
      () =>
        `${klogHeader("E", now, (now * 7) % 1000, pid, "nestedpendingoperations.go:348")} Operation for "{volumeName:${unique} podName:${record.uid} nodeName:}" failed. No retries permitted until ${goTimeString(now + retryMs, kubeletStartMs)} (durationBeforeRetry ${retryMs < 1000 ? `${retryMs}ms` : goDuration(retryMs / 1000)}). Error: MountVolume.SetUp failed for volume "${volume}" (UniqueName: "${unique}") pod "${record.name}" (UID: "${record.uid}") : ${message}`,
      now,
    );
    this.#ctx.timers.schedule(record.mountRetryAtMs, () => {
      if (this.#pods.has(record.uid)) this.#wake(record);
    });
  }

  #hostIp(): string {
    const node = this.#ctx.store.read<Node>("nodes", undefined, this.nodeName);
    return node?.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "";
  }

  #syncPod(pod: Pod): void {
    const record = this.#record(pod);
    if (pod.metadata?.deletionTimestamp !== undefined) {
      this.#terminate(pod, record);
      return;
    }
    if (!this.#ensureSandbox(pod, record)) {
      this.#writeStatus(pod, record);
      return;
    }
    this.#startEphemerals(pod, record);
    const policy = pod.spec?.restartPolicy ?? "Always";
    let initsDone = true;
    for (const rec of record.inits) {
      this.#step(pod, record, rec, policy === "Never" ? "Never" : "OnFailure");
      const last = rec.instances.at(-1);
      if (!(rec.phase === "done" && last?.exitCode === 0)) {
        initsDone = false;
        break;
      }
    }
    if (initsDone) for (const rec of record.containers) this.#step(pod, record, rec, policy);
    this.#writeStatus(pod, record);
  }

  /**
   * Ephemeral containers added through the pod's ephemeralcontainers subresource start once, even
   * before the init containers are done, and are never restarted: computePodActions
   * (kuberuntime_manager.go) starts only those the runtime has no status for. A pod that has
   * finished starts none.
   */
  #startEphemerals(pod: Pod, record: PodRecord): void {
    for (const spec of pod.spec?.ephemeralContainers ?? []) {
      if (record.ephemerals.some((rec) => rec.spec.name === spec.name)) continue;
      record.ephemerals.push(containerRecord(record.owner, spec, false, true));
    }
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") return;
    for (const rec of record.ephemerals)
      if (rec.phase === "new" && rec.instances.length === 0) this.#start(pod, record, rec);
  }

  /**
   * The session attached to an interactive shell (the container's main process) ended with
   * `exit N` or Ctrl-D: the shell exits with that status, and with stdinOnce its stdin stays
   * closed for later instances. False when no such shell runs there.
   */
  endAttachedProcess(podUid: string, container: string, exitStatus: number): boolean {
    const record = this.#pods.get(podUid);
    const rec = record ? allContainers(record).find((r) => r.spec.name === container) : undefined;
    const instance = rec?.instances.at(-1);
    if (!record || !rec || rec.phase !== "running" || !instance?.interactive || instance.killing)
      return false;
    if (rec.spec.stdinOnce === true) rec.stdinClosed = true;
    const exitCode = wrapExitValue(exitStatus);
    this.#finish(record, rec, instance, exitCode, terminatedReason(exitCode, false), undefined);
    return true;
  }

  /** One container's state machine. */
  #step(pod: Pod, record: PodRecord, rec: ContainerRecord, policy: string): void {
    const now = this.#ctx.clock.now();
    switch (rec.phase) {
      case "new":
        this.#start(pod, record, rec);
        return;
      case "exited": {
        const last = rec.instances.at(-1);
        const failed = last?.exitCode !== 0;
        if (policy === "Never" || (policy === "OnFailure" && !failed)) {
          rec.phase = "done";
          this.#bump(rec);
          return;
        }
        const ranMs =
          last?.startedMs !== undefined && last.finishedMs !== undefined
            ? last.finishedMs - last.startedMs
            : 0;
        rec.consecutiveFailures =
          ranMs >= BACKOFF_RESET_SECONDS * 1000 ? 1 : rec.consecutiveFailures + 1;
        rec.backoffSeconds = backoffSeconds(rec.consecutiveFailures);
        rec.backoffUntilMs = (last?.finishedMs ?? now) + rec.backoffSeconds * 1000;
        rec.phase = "backoff";
        this.#bump(rec);
        this.#backoffEvent(pod, record, rec);
        this.#scheduleBackoff(record, rec, rec.epoch);
        return;
      }
      case "backoff":
        if (now >= rec.backoffUntilMs) {
          rec.phase = "new";
          rec.startErrorMessage = undefined;
          this.#bump(rec);
          this.#start(pod, record, rec);
        }
        return;
      case "pulling":
      case "config-error":
      case "starting":
      case "running":
      case "done":
        return;
    }
  }

  /** A container's state changed: its stale timers must do nothing and its pod needs a sync. */
  #bump(rec: ContainerRecord): void {
    rec.epoch++;
    rec.owner.dirty = true;
  }

  #wake(record: PodRecord): void {
    record.owner.dirty = true;
    this.#ctx.requestSync();
  }

  #scheduleBackoff(record: PodRecord, rec: ContainerRecord, epoch: number): void {
    const now = this.#ctx.clock.now();
    for (let at = now + BACKOFF_RESYNC_MS; at < rec.backoffUntilMs; at += BACKOFF_RESYNC_MS) {
      this.#ctx.timers.schedule(at, () => {
        if (rec.epoch !== epoch || !this.#pods.has(record.uid)) return;
        const pod = this.#ctx.store.read<Pod>("pods", record.namespace, record.name);
        if (pod && pod.metadata?.deletionTimestamp === undefined)
          this.#backoffEvent(pod, record, rec);
      });
    }
    this.#ctx.timers.schedule(rec.backoffUntilMs, () => {
      if (rec.epoch === epoch) this.#wake(record);
    });
  }

  #backoffEvent(pod: Pod, record: PodRecord, rec: ContainerRecord): void {
    const now = this.#ctx.clock.now();
    const name = rec.spec.name;
    this.#event(
      pod,
      rec,
      "Warning",
      "BackOff",
      `Back-off restarting failed container ${name} in pod ${record.name}_${record.namespace}(${record.uid})`,
    );
    const detail = `back-off ${goDuration(rec.backoffSeconds)} restarting failed container=${name} pod=${record.name}_${record.namespace}(${record.uid})`;
    this.host.kubeletLog("E", "pod_workers.go:1301", "Error syncing pod, skipping", now, {
      err: `failed to "StartContainer" for "${name}" with CrashLoopBackOff: "${detail}"`,
      pod: `${record.namespace}/${record.name}`,
      podUID: record.uid,
    });
  }

  #event(
    pod: Pod,
    rec: ContainerRecord | undefined,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
  ): void {
    const field = rec?.ephemeral
      ? "ephemeralContainers"
      : rec?.init
        ? "initContainers"
        : "containers";
    const fieldPath = rec ? `spec.${field}{${rec.spec.name}}` : undefined;
    this.#ctx.events.record(
      { ...pod, apiVersion: "v1", kind: "Pod" },
      type,
      reason,
      message,
      { component: "kubelet", host: this.nodeName },
      fieldPath,
    );
  }

  /** An image the catalogue does not know: defaults, and it has to be pulled. */
  #image(name: string): ImageSpec {
    return this.#ctx.images.get(name) ?? imageSpecSchema.parse({ name, presentOnNodes: false });
  }

  #start(pod: Pod, record: PodRecord, rec: ContainerRecord): void {
    const now = this.#ctx.clock.now();
    const imageName = rec.spec.image ?? "";
    const image = this.#image(imageName);
    const pullAlways = rec.spec.imagePullPolicy === "Always";
    if (
      !this.#presentImages.has(imageName) ||
      (pullAlways && !record.pullsRecorded.has(`${rec.spec.name}:${rec.instances.length}`))
    ) {
      rec.phase = "pulling";
      this.#bump(rec);
      const epoch = rec.epoch;
      record.pullsRecorded.add(`${rec.spec.name}:${rec.instances.length}`);
      this.#event(pod, rec, "Normal", "Pulling", `Pulling image "${imageName}"`);
      const pullMs = 800 + Math.round(image.sizeBytes / 40_000) + this.#ctx.random.int(400);
      this.#ctx.timers.schedule(now + pullMs, () => {
        if (rec.epoch !== epoch || !this.#pods.has(record.uid)) return;
        const current = this.#ctx.store.read<Pod>("pods", record.namespace, record.name);
        if (!current) return;
        this.#presentImages.add(imageName);
        const seconds = (pullMs / 1000).toFixed(3);
        this.#event(
          current,
          rec,
          "Normal",
          "Pulled",
          `Successfully pulled image "${imageName}" in ${seconds}s (${seconds}s including waiting). Image size: ${image.sizeBytes} bytes.`,
        );
        this.#create(current, record, rec, image);
        this.#writeStatus(current, record);
      });
      return;
    }
    this.#event(
      pod,
      rec,
      "Normal",
      "Pulled",
      `Container image "${imageName}" already present on machine`,
    );
    this.#create(pod, record, rec, image);
  }

  #create(pod: Pod, record: PodRecord, rec: ContainerRecord, image: ImageSpec): void {
    const environment = containerEnvironment(this.#ctx.store, record.namespace, rec.spec);
    if (!environment.ok) {
      this.#configError(pod, record, rec, environment.message);
      return;
    }
    const argv = this.#argv(rec, image).map((arg) => expandReferences(arg, environment.vars));
    const createdMs = this.#ctx.clock.now() + CREATE_MS;
    const id = this.#ctx.random.hex(64);
    const attempt = rec.instances.length;
    const instance: Instance = {
      id,
      attempt,
      createdMs,
      startedMs: undefined,
      finishedMs: undefined,
      exitCode: undefined,
      reason: undefined,
      message: undefined,
      logs: [],
      repeats: undefined,
      memoryMi: 0,
      pids: 0,
      cpuMillicores: 0,
      argv,
      env: environment.vars,
      killing: false,
      // An ephemeral container's program (`kubectl debug -it POD -- ps`) runs in the terminal
      // attached to it, whatever it is; a regular container's only when it is a bare shell.
      interactive:
        rec.spec.stdin === true && !rec.stdinClosed && (rec.ephemeral || readsTerminal(argv)),
    };
    rec.instances.push(instance);
    const name = rec.spec.name;
    this.host.containerdLog(
      "info",
      `CreateContainer within sandbox ${goQuote(record.sandboxId)} for container &ContainerMetadata{Name:${name},Attempt:${attempt},}`,
      createdMs - 40,
    );
    this.host.containerdLog(
      "info",
      `CreateContainer within sandbox ${goQuote(record.sandboxId)} for &ContainerMetadata{Name:${name},Attempt:${attempt},} returns container id ${goQuote(id)}`,
      createdMs,
    );
    this.host.containers.set(id, {
      id,
      podSandboxId: record.sandboxId,
      name,
      attempt,
      image: image.name,
      imageRef: `sha256:${this.#imageDigest(image.name)}`,
      state: "CONTAINER_CREATED",
      createdMs,
      podName: record.name,
      podNamespace: record.namespace,
      podUid: record.uid,
    });
    // Kubelet v1.32 words this event "Created container: <name>" (older: "Created container <name>").
    this.#event(pod, rec, "Normal", "Created", `Created container: ${name}`);
    this.host.containerdLog("info", `StartContainer for ${goQuote(id)}`, createdMs + 2);
    const failure = this.#startFailure(pod, record, rec, image, id, argv);
    const startedMs = createdMs + START_MS;
    if (failure !== undefined) {
      instance.finishedMs = startedMs;
      instance.exitCode = 128;
      instance.reason = "StartError";
      instance.message = failure;
      rec.phase = "exited";
      rec.startErrorMessage = failure;
      this.#bump(rec);
      this.#updateCri(instance, "CONTAINER_EXITED");
      this.host.containerdLog("error", `StartContainer for ${goQuote(id)} failed`, startedMs, {
        error: failure,
      });
      this.host.kubeletLog(
        "E",
        "log.go:32",
        "StartContainer from runtime service failed",
        startedMs,
        {
          err: `rpc error: code = Unknown desc = ${failure}`,
          containerID: id,
        },
      );
      this.host.kubeletLog(
        "E",
        "pod_workers.go:1301",
        "Error syncing pod, skipping",
        startedMs + 1,
        {
          err: `failed to "StartContainer" for "${name}" with RunContainerError: "${failure.replaceAll('"', '\\"')}"`,
          pod: `${record.namespace}/${record.name}`,
          podUID: record.uid,
        },
      );
      this.#event(pod, rec, "Warning", "Failed", `Error: ${failure}`);
      this.#exited(record, rec, instance);
      const epoch = rec.epoch;
      this.#ctx.timers.schedule(startedMs + 1000, () => {
        if (rec.epoch === epoch) this.#wake(record);
      });
      return;
    }
    // Until StartContainer returns the container is created but not running: the pod stays
    // Pending (ContainerCreating) for those milliseconds, as `kubectl get pods -w` shows.
    rec.phase = "starting";
    this.#bump(rec);
    const epoch = rec.epoch;
    this.#ctx.timers.schedule(startedMs, () => {
      if (rec.epoch !== epoch || !this.#pods.has(record.uid)) return;
      const current = this.#ctx.store.read<Pod>("pods", record.namespace, record.name);
      if (!current) return;
      instance.startedMs = startedMs;
      rec.phase = "running";
      this.#bump(rec);
      this.host.containerdLog(
        "info",
        `StartContainer for ${goQuote(id)} returns successfully`,
        startedMs,
      );
      this.#event(current, rec, "Normal", "Started", `Started container ${name}`);
      this.#run(record, rec, instance, image);
      this.#wake(record);
    });
  }

  /**
   * CreateContainerConfigError: the kubelet reports it in the container's waiting state and a
   * Failed event, and its pod worker retries the sync after its back-off (10 s), so creating the
   * missing Secret lets the container start on the next attempt.
   */
  #configError(pod: Pod, record: PodRecord, rec: ContainerRecord, message: string): void {
    const now = this.#ctx.clock.now();
    rec.phase = "config-error";
    rec.configError = message;
    this.#bump(rec);
    this.#event(pod, rec, "Warning", "Failed", `Error: ${message}`);
    this.host.kubeletLog("E", "pod_workers.go:1301", "Error syncing pod, skipping", now + 1, {
      err: `failed to "StartContainer" for "${rec.spec.name}" with CreateContainerConfigError: "${message.replaceAll('"', '\\"')}"`,
      pod: `${record.namespace}/${record.name}`,
      podUID: record.uid,
    });
    const epoch = rec.epoch;
    this.#ctx.timers.schedule(now + CONFIG_RETRY_MS, () => {
      if (rec.epoch !== epoch || !this.#pods.has(record.uid)) return;
      rec.phase = "new";
      rec.configError = undefined;
      this.#bump(rec);
      this.#wake(record);
    });
  }

  #imageDigest(image: string): string {
    const cached = digests.get(image);
    if (cached !== undefined) return cached;
    const computed = computeDigest(image);
    digests.set(image, computed);
    return computed;
  }

  imageId(image: string): string {
    const repo = image.replace(/:[^/:]+$/, "");
    return `${repo.includes("/") ? repo : `docker.io/library/${repo}`}@sha256:${this.#imageDigest(image)}`;
  }

  #startFailure(
    pod: Pod,
    record: PodRecord,
    rec: ContainerRecord,
    image: ImageSpec,
    id: string,
    argv: readonly string[],
  ): string | undefined {
    const now = this.#ctx.clock.now();
    // On a real node these faults stop debug pods too, and an engineer falls back to SSH or the
    // cloud provider's serial console. The sandbox lets `kubectl debug node/...` pods through,
    // standing in for that access, so learners still read the node's journal and kernel log.
    const health = isNodeDebugPod(pod) ? HEALTHY_NODE : this.host.health;
    if (health.shimsWedged) {
      this.host.containerdLog("warning", "cleaning up after shim disconnected", now + 60, {
        id,
        namespace: "k8s.io",
      });
      this.host.containerdLog("error", "failed to delete shim", now + 61, {
        error: "ttrpc: closed",
        id,
      });
      return SHIM_DEADLINE;
    }
    if (health.cgroupCreationFails) {
      const path = `/sys/fs/cgroup${this.#containerCgroup(record, id)}`;
      this.host.kernel(
        `cgroup: cgroup_mkdir: ${path.replace("/sys/fs/cgroup", "")}: -ENOMEM (memcg id space exhausted)`,
        now + 50,
      );
      return cgroupMkdirFailed(path);
    }
    if (health.memoryExhausted) {
      this.host.kernel(
        `runc:[2:INIT] invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=-998`,
        now + 90,
      );
      this.host.kernel(
        `Out of memory: Killed process ${3000 + this.#ctx.random.int(20000)} (runc:[2:INIT]) total-vm:1236648kB, anon-rss:5812kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:88kB oom_score_adj:-998`,
        now + 91,
      );
      return INIT_OOM_KILLED;
    }
    const limit = this.host.kubepodsPidsMax;
    if (!isNodeDebugPod(pod) && this.usage().pids + 2 > limit) {
      this.host.pidsRejections++;
      // The kernel names the cgroup of the task whose fork failed: here runc init, already in
      // the new container's cgroup (reference/real-output.md; kernel/cgroup/pids.c).
      this.host.kernel(
        `cgroup: fork rejected by pids controller in ${this.#containerCgroup(record, id)}`,
        now + 80,
      );
      return PIDS_EXHAUSTED;
    }
    return checkExec(image, argv, this.#mounts(pod, record, rec));
  }

  /** A container's cgroup as runc creates it with the systemd driver, relative to the root. */
  #containerCgroup(record: PodRecord, id: string): string {
    const uid = record.uid.replaceAll("-", "_");
    const qos = record.qosClass.toLowerCase();
    const podSlice =
      qos === "guaranteed"
        ? `kubepods-pod${uid}.slice`
        : `kubepods-${qos}.slice/kubepods-${qos}-pod${uid}.slice`;
    return `/kubepods.slice/${podSlice}/cri-containerd-${id}.scope`;
  }

  /** The process's argv: command overrides ENTRYPOINT, args override CMD (CMD is dropped with a command). */
  #argv(rec: ContainerRecord, image: ImageSpec): string[] {
    return [
      ...(rec.spec.command ?? image.entrypoint),
      ...(rec.spec.args ?? (rec.spec.command ? [] : image.cmd)),
    ];
  }

  #mounts(pod: Pod, record: PodRecord, rec: ContainerRecord): MountedPath[] {
    const volumes = pod.spec?.volumes ?? [];
    return (rec.spec.volumeMounts ?? []).map((mount) => {
      const volume = volumes.find((v) => v.name === mount.name);
      const kind = volume?.configMap
        ? "kubernetes.io~configmap"
        : volume?.projected
          ? "kubernetes.io~projected"
          : "kubernetes.io~empty-dir";
      const hostPath = volume?.hostPath;
      const source = hostPath
        ? hostPath.path
        : `/var/lib/kubelet/pods/${record.uid}/volumes/${kind}/${mount.name}`;
      return {
        mountPath: mount.mountPath,
        source,
        sourceIsDirectory: mount.subPath === undefined && hostPath?.type !== "File",
      };
    });
  }

  #updateCri(instance: Instance, state: "CONTAINER_RUNNING" | "CONTAINER_EXITED"): void {
    const cri = this.host.containers.get(instance.id);
    if (!cri) return;
    cri.state = state;
    cri.startedMs = instance.startedMs;
    cri.finishedMs = instance.finishedMs;
    cri.exitCode = instance.exitCode;
    cri.reason = instance.reason;
    cri.message = instance.message;
  }

  /** The process runs as its image says: it logs, grows, maybe forks, and exits (or is OOM-killed). */
  #run(record: PodRecord, rec: ContainerRecord, instance: Instance, image: ImageSpec): void {
    const startedMs = instance.startedMs ?? this.#ctx.clock.now();
    const pod = this.#ctx.store.read<Pod>("pods", record.namespace, record.name);
    const files = new Map(
      pod ? mountedFiles(this.#ctx.store, pod, rec.spec.name).map((f) => [f.path, f.content]) : [],
    );
    const git = gitProcess(instance.argv, instance.env, this.#ctx.gitRepositories, files);
    const formatError = execFormatFailure(image, instance.argv);
    const behaviour = formatError
      ? {
          ...image.process,
          exitValue: 1,
          runSeconds: 0,
          logs: [{ atSeconds: 0, text: formatError, stream: "stderr" as const }],
          memoryMi: 1,
          pids: 1,
          forks: false,
        }
      : instance.interactive
        ? waitingForInput(image.process)
        : (git ?? effectiveProcess(image.process, instance.argv));
    const limitMi = memoryMi(rec.spec.resources?.limits?.["memory"]);
    const oom = limitMi !== undefined && behaviour.memoryMi > limitMi;
    const oomAtS = Math.min(behaviour.exitValue === null ? 3 : behaviour.runSeconds, 3);
    const endS = oom ? oomAtS : behaviour.exitValue === null ? undefined : behaviour.runSeconds;
    instance.memoryMi = oom ? limitMi : behaviour.memoryMi;
    instance.pids = behaviour.forks
      ? Math.max(1, this.host.kubepodsPidsMax - this.usage().pids)
      : behaviour.pids;
    // A fork bomb keeps every core busy; an ordinary service idles at a few millicores, more for
    // bigger and busier processes.
    instance.cpuMillicores = behaviour.forks
      ? this.host.options.cpu * 960
      : 1 + instance.memoryMi / 16 + instance.pids / 2;
    if (behaviour.forks) {
      this.host.pidsRejections++;
      this.host.kernel(
        `cgroup: fork rejected by pids controller in ${this.#containerCgroup(record, instance.id)}`,
        startedMs + 2000,
      );
    }
    for (const [index, line] of behaviour.logs.entries()) {
      if (endS === undefined || line.atSeconds <= endS) {
        const timeMs = startedMs + Math.round(line.atSeconds * 1000);
        instance.logs.push({
          timeMs,
          text: line.klog === undefined ? line.text : klogLine(line.klog, timeMs, index, line.text),
          stream: line.stream,
        });
      }
    }
    instance.repeats = behaviour.repeats;
    this.#updateCri(instance, "CONTAINER_RUNNING");
    if (endS === undefined) return;
    const epoch = rec.epoch;
    this.#ctx.timers.schedule(startedMs + Math.round(endS * 1000), () => {
      if (rec.epoch !== epoch || instance.killing) return;
      let exitCode: number;
      if (oom) exitCode = 137;
      else if (behaviour.signal !== undefined) exitCode = 128 + behaviour.signal;
      else exitCode = wrapExitValue(behaviour.exitValue ?? 0);
      if (oom) {
        this.host.kernel(
          `Memory cgroup out of memory: Killed process ${4000 + this.#ctx.random.int(30000)} (${this.#processName(rec, image)}) total-vm:${Math.round(behaviour.memoryMi * 1400)}kB, anon-rss:${Math.round(limitMi * 1024)}kB, file-rss:2048kB, shmem-rss:0kB, UID:0 pgtables:1024kB oom_score_adj:-997`,
          this.#ctx.clock.now(),
        );
      }
      this.#finish(
        record,
        rec,
        instance,
        exitCode,
        terminatedReason(exitCode, oom),
        behaviour.terminationMessage,
      );
    });
  }

  #processName(rec: ContainerRecord, image: ImageSpec): string {
    const program = rec.spec.command?.[0] ?? image.entrypoint[0] ?? image.cmd[0] ?? rec.spec.name;
    return program.split("/").at(-1)?.slice(0, 15) ?? program;
  }

  #finish(
    record: PodRecord,
    rec: ContainerRecord,
    instance: Instance,
    exitCode: number,
    reason: string,
    terminationMessage: string | undefined,
  ): void {
    const now = this.#ctx.clock.now();
    instance.finishedMs = now;
    instance.exitCode = exitCode;
    instance.reason = reason;
    instance.pids = 0;
    instance.memoryMi = 0;
    instance.cpuMillicores = 0;
    if (terminationMessage !== undefined) instance.message = terminationMessage;
    else if (
      rec.spec.terminationMessagePolicy === "FallbackToLogsOnError" &&
      exitCode !== 0 &&
      instance.logs.length > 0
    ) {
      instance.message = `${instance.logs
        .slice(-80)
        .map((l) => l.text)
        .join("\n")}\n`;
    }
    rec.phase = "exited";
    this.#bump(rec);
    this.#updateCri(instance, "CONTAINER_EXITED");
    this.host.containerdLog("info", `shim disconnected`, now + 3, {
      id: instance.id,
      namespace: "k8s.io",
    });
    this.#exited(record, rec, instance);
    this.#wake(record);
  }

  #exited(record: PodRecord, rec: ContainerRecord, instance: Instance): void {
    this.#ctx.history.add({
      kind: "container-exited",
      atMs: instance.finishedMs ?? this.#ctx.clock.now(),
      namespace: record.namespace,
      pod: record.name,
      container: rec.spec.name,
      node: this.nodeName,
      exitCode: instance.exitCode ?? 0,
      reason: instance.reason ?? "",
    });
  }

  /**
   * The kernel's OOM killer under node memory pressure: every running container on the node dies
   * with SIGKILL, which the kubelet reports as OOMKilled with 137.
   */
  oomKillRunning(): void {
    for (const record of this.#pods.values()) {
      // System pods run with oom_score_adj -997..-999; the OOM killer picks workloads first.
      if (record.namespace === "kube-system") continue;
      for (const rec of allContainers(record)) {
        const instance = rec.instances.at(-1);
        if (rec.phase !== "running" || !instance) continue;
        const image = this.#image(rec.spec.image ?? "");
        this.host.kernel(
          `Out of memory: Killed process ${4000 + this.#ctx.random.int(30000)} (${this.#processName(rec, image)}) total-vm:${Math.round(instance.memoryMi * 1400)}kB, anon-rss:${Math.round(instance.memoryMi * 1024)}kB, file-rss:1024kB, shmem-rss:0kB, UID:0 pgtables:512kB oom_score_adj:1000`,
          this.#ctx.clock.now(),
        );
        this.#finish(record, rec, instance, 137, "OOMKilled", undefined);
      }
    }
  }

  /** Graceful termination: SIGTERM, the grace period, SIGKILL, then the pod object goes. */
  #terminate(pod: Pod, record: PodRecord): void {
    const now = this.#ctx.clock.now();
    if (!record.terminating) {
      record.terminating = true;
      const grace = (pod.metadata?.deletionGracePeriodSeconds ?? 30) * 1000;
      for (const rec of allContainers(record)) {
        const instance = rec.instances.at(-1);
        this.#bump(rec);
        if (rec.phase === "running" && instance) {
          instance.killing = true;
          this.#event(pod, rec, "Normal", "Killing", `Stopping container ${rec.spec.name}`);
          const image = this.#image(rec.spec.image ?? "");
          const stopMs = image.process.stopsOnSigterm ? Math.min(grace, 300) : grace;
          const exitCode = image.process.stopsOnSigterm ? 143 : 137;
          this.#ctx.timers.schedule(now + stopMs, () => {
            this.#finish(record, rec, instance, exitCode, "Error", undefined);
            rec.phase = "done";
          });
        } else rec.phase = "done";
      }
    }
    const stillRunning = allContainers(record).some((rec) => rec.phase === "running");
    if (!stillRunning) {
      this.#writeStatus(pod, record);
      this.#ctx.store.delete("pods", record.namespace, record.name);
      this.#forget(record);
    }
  }

  #transition(record: PodRecord, type: string, status: string): string {
    const previous = record.transitions.get(type);
    if (previous?.status !== status) {
      record.transitions.set(type, { status, atMs: this.#ctx.clock.now() });
      return rfc3339(this.#ctx.clock.now());
    }
    return rfc3339(previous.atMs);
  }

  #containerStatus(record: PodRecord, rec: ContainerRecord, initsDone: boolean): ContainerStatus {
    const image = rec.spec.image ?? "";
    const last = rec.instances.at(-1);
    const previous = rec.instances.at(-2);
    const terminated = (i: Instance): ContainerState => {
      const t: NonNullable<ContainerState["terminated"]> = {
        containerID: `containerd://${i.id}`,
        exitCode: i.exitCode ?? 0,
        finishedAt: rfc3339(i.finishedMs ?? 0),
        reason: i.reason ?? "Error",
        startedAt: i.startedMs === undefined ? UNIX_EPOCH : rfc3339(i.startedMs),
      };
      return { terminated: i.message === undefined ? t : { ...t, message: i.message } };
    };
    const status: ContainerStatus = {
      image,
      imageID: last ? this.imageId(image) : "",
      lastState: {},
      name: rec.spec.name,
      ready: false,
      restartCount: Math.max(0, rec.instances.length - 1),
      started: false,
      state: {},
    };
    if (last) status.containerID = `containerd://${last.id}`;
    const waiting = (reason: string, message?: string) => ({
      waiting: message === undefined ? { reason } : { message, reason },
    });
    switch (rec.phase) {
      case "config-error":
        status.state = waiting("CreateContainerConfigError", rec.configError);
        if (last) status.lastState = terminated(last);
        break;
      case "starting":
        status.state = waiting("ContainerCreating");
        if (previous) status.lastState = terminated(previous);
        break;
      case "new":
      case "pulling":
        if (last) {
          status.state = waiting("ContainerCreating");
          status.lastState = terminated(last);
        } else
          status.state = waiting(
            rec.init || rec.ephemeral || initsDone ? "ContainerCreating" : "PodInitializing",
          );
        break;
      case "running":
        status.state = { running: { startedAt: rfc3339(last?.startedMs ?? 0) } };
        status.ready = !rec.init;
        status.started = true;
        if (previous) status.lastState = terminated(previous);
        break;
      case "exited":
        if (last && rec.startErrorMessage !== undefined) {
          status.state = waiting("RunContainerError", rec.startErrorMessage);
          status.lastState = terminated(last);
        } else if (last) {
          status.state = terminated(last);
          if (previous) status.lastState = terminated(previous);
        }
        break;
      case "backoff":
        status.state = waiting(
          "CrashLoopBackOff",
          `back-off ${goDuration(rec.backoffSeconds)} restarting failed container=${rec.spec.name} pod=${record.name}_${record.namespace}(${record.uid})`,
        );
        if (last) status.lastState = terminated(last);
        break;
      case "done":
        if (last) {
          status.state = terminated(last);
          if (previous) status.lastState = terminated(previous);
        }
        break;
    }
    return status;
  }

  #writeStatus(pod: Pod, record: PodRecord): void {
    const policy = pod.spec?.restartPolicy ?? "Always";
    const initsDone = record.inits.every(
      (rec) => rec.phase === "done" && rec.instances.at(-1)?.exitCode === 0,
    );
    const initStatuses = record.inits.map((rec) => this.#containerStatus(record, rec, initsDone));
    const statuses = record.containers.map((rec) => this.#containerStatus(record, rec, initsDone));
    // The prober sets ready and started of init and regular containers only, so an ephemeral
    // container's status has no `started` and is never ready (prober_manager.go UpdatePodStatus).
    // A failed start shows as RunContainerError while the kubelet would restart the container
    // (ShouldContainerBeRestarted follows the pod's policy); under Never it is the terminated state.
    const ephemeralStatuses = record.ephemerals.map((rec) => {
      const status = this.#containerStatus(record, rec, initsDone);
      delete status.started;
      if (status.state?.waiting?.reason === "RunContainerError" && policy === "Never")
        return { ...status, ready: false, state: status.lastState ?? {}, lastState: {} };
      return { ...status, ready: false };
    });
    const allCreated = record.containers.every(
      (rec) => rec.instances.length > (rec.phase === "starting" ? 1 : 0),
    );
    const initFailedForGood = record.inits.some(
      (rec) => rec.phase === "done" && rec.instances.at(-1)?.exitCode !== 0,
    );
    const mainDone = record.containers.every((rec) => rec.phase === "done");
    let phase: string;
    if (initFailedForGood) phase = "Failed";
    else if (!initsDone || !allCreated) phase = "Pending";
    else if (mainDone)
      phase = record.containers.every((rec) => rec.instances.at(-1)?.exitCode === 0)
        ? "Succeeded"
        : "Failed";
    else phase = "Running";
    const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
    const ready = notReady.length === 0 && phase === "Running";
    const condition = (
      type: string,
      ok: boolean,
      reason?: string,
      message?: string,
    ): PodCondition => {
      const c: PodCondition = {
        lastProbeTime: null as unknown as string,
        lastTransitionTime: this.#transition(record, type, String(ok)),
        status: ok ? "True" : "False",
        type,
      };
      if (!ok && message !== undefined) c.message = message;
      if (!ok && reason !== undefined) c.reason = reason;
      return c;
    };
    const notInitialized = record.inits
      .filter((rec) => !(rec.phase === "done" && rec.instances.at(-1)?.exitCode === 0))
      .map((r) => r.spec.name);
    const finished = phase === "Succeeded" || phase === "Failed";
    const conditions: PodCondition[] = [
      condition("PodReadyToStartContainers", record.sandboxReady),
      condition(
        "Initialized",
        notInitialized.length === 0,
        "ContainersNotInitialized",
        `containers with incomplete status: [${notInitialized.join(" ")}]`,
      ),
      condition(
        "Ready",
        ready,
        finished ? "PodCompleted" : "ContainersNotReady",
        `containers with unready status: [${notReady.join(" ")}]`,
      ),
      condition(
        "ContainersReady",
        ready,
        finished ? "PodCompleted" : "ContainersNotReady",
        `containers with unready status: [${notReady.join(" ")}]`,
      ),
      condition("PodScheduled", true),
    ];
    const hostIP = this.#hostIp();
    const status: PodStatus = {
      conditions,
      containerStatuses: statuses,
      hostIP,
      hostIPs: [{ ip: hostIP }],
      phase,
      ...(record.sandboxReady ? { podIP: record.ip, podIPs: [{ ip: record.ip }] } : {}),
      qosClass: pod.status?.qosClass ?? "BestEffort",
      startTime: rfc3339(record.startMs),
    };
    if (initStatuses.length > 0) status.initContainerStatuses = initStatuses;
    if (ephemeralStatuses.length > 0) status.ephemeralContainerStatuses = ephemeralStatuses;
    const json = JSON.stringify(status);
    if (json === record.lastStatusJson) return;
    record.lastStatusJson = json;
    const current = this.#ctx.store.read<Pod>("pods", record.namespace, record.name);
    if (!current || current.metadata?.uid !== record.uid) return;
    this.#ctx.store.replace("pods", { ...current, status });
  }

  /** Container logs as the API's /log endpoint serves them, or its 400 message. */
  logs(pod: Pod, containerName: string, previous: boolean): LogLine[] {
    const record = this.#pods.get(pod.metadata?.uid ?? "");
    const podName = pod.metadata?.name ?? "";
    const rec = record
      ? [...record.containers, ...record.inits, ...record.ephemerals].find(
          (r) => r.spec.name === containerName,
        )
      : undefined;
    if (!record || !rec) {
      if (previous)
        throw new LogsError(
          `previous terminated container "${containerName}" in pod "${podName}" not found`,
        );
      throw new LogsError(
        `container "${containerName}" in pod "${podName}" is waiting to start: ContainerCreating`,
      );
    }
    const last = rec.instances.at(-1);
    const waitingAfterExit =
      rec.phase === "backoff" ||
      rec.phase === "config-error" ||
      rec.phase === "new" ||
      rec.phase === "pulling" ||
      (rec.phase === "exited" && rec.startErrorMessage !== undefined);
    if (previous) {
      const instance = waitingAfterExit ? last : rec.instances.at(-2);
      if (!instance)
        throw new LogsError(
          `previous terminated container "${containerName}" in pod "${podName}" not found`,
        );
      return this.#linesOf(instance);
    }
    if (!last || waitingAfterExit || rec.phase === "starting") {
      const reason =
        rec.phase === "backoff"
          ? "CrashLoopBackOff"
          : rec.phase === "config-error"
            ? "CreateContainerConfigError"
            : rec.phase === "exited"
              ? "RunContainerError"
              : rec.init || last
                ? "ContainerCreating"
                : "PodInitializing";
      throw new LogsError(
        `container "${containerName}" in pod "${podName}" is waiting to start: ${reason}`,
      );
    }
    return this.#linesOf(last);
  }

  /** What a run has written so far: its scripted lines and, while it ran, its repeated ones. */
  #linesOf(instance: Instance): LogLine[] {
    const untilMs = Math.min(this.#ctx.clock.now(), instance.finishedMs ?? Infinity);
    const written = instance.logs.filter((l) => l.timeMs <= untilMs);
    if (!instance.repeats || instance.startedMs === undefined) return written;
    const repeated = repeatedLines(instance.repeats, instance.startedMs, untilMs);
    return [...written, ...repeated].sort((a, b) => a.timeMs - b.timeMs);
  }
}
