/**
 * A simulated Kubernetes cluster: the object store, the virtual clock, the seeded randomness, the
 * controllers, the scheduler, and per node a kubelet, a container runtime and an operating system.
 * Everything happens in virtual time: `advance(ms)` runs whatever falls due, in order.
 *
 * Writers (kubectl, the API facade, labs) go through `create`, `deletePod`, `evictPod`, `cordon`,
 * `uncordon`, `updateObject` so admission, graceful deletion and the controllers react; readers
 * use `store` directly.
 */
import type { Node, Pod } from "kubernetes-types/core/v1.d.ts";
import type { GitRepository, ImageSpec, NodeSpec, ScenarioSpec } from "../../schemas/scenario.ts";
import { VirtualClock } from "./clock.ts";
import type { EngineContext } from "./context.ts";
import { processesSeenBy, type ProcessView } from "./container-processes.ts";
import { mountedFiles, type MountedFile } from "./volume-files.ts";
import { EventRecorder } from "./events.ts";
import { History } from "./history.ts";
import { containerLogs } from "./container-logs.ts";
import { Kubelet, LogsError, type LogLine, type RunningContainer } from "./kubelet.ts";
import { buildNode, nodeConditions, type NodeIdentity } from "./node-object.ts";
import { NodeHost } from "./node-host.ts";
import { applyPodDefaults, withEphemeralDefaults } from "./pod-defaults.ts";
import { SeededRandom } from "./random.ts";
import { CRI_DEADLINE, RUNTIME_CHECK_MS, runtimeErrors } from "./runtime-health.ts";
import { Scheduler, tolerates } from "./scheduler.ts";
import { ObjectStore, StoreError, type KubeObject } from "./store.ts";
import { rfc3339 } from "./time-format.ts";
import { TimerQueue } from "./timers.ts";
import { WorkloadControllers } from "./workload-controllers.ts";

export { LogsError, type LogLine, type RunningContainer } from "./kubelet.ts";
export { StoreError, TooOldResourceVersionError } from "./store.ts";
export type { ContainerProcess, ProcessView } from "./container-processes.ts";
export type { MountedFile } from "./volume-files.ts";

/** The kubelet posts node status this often when nothing changed (nodeStatusReportFrequency). */
const NODE_STATUS_REPORT_MS = 5 * 60_000;
const LEASE_RENEW_MS = 10_000;
const NOT_READY_TAINT = "node.kubernetes.io/not-ready";

/** metav1.MicroTime: RFC 3339 with microseconds, as Lease renewTime is written. */
function microTime(ms: number): string {
  return `${rfc3339(ms).slice(0, -1)}.${String(ms % 1000).padStart(3, "0")}000Z`;
}

const WORKLOAD_RESOURCES = ["pods", "nodes", "deployments", "replicasets", "daemonsets"];

/** Reconcile passes per step before giving up (guards against a controller fight). */
const MAX_PASSES = 12;

export interface ClusterOptions {
  seed: number;
  startMs: number;
  images: readonly ImageSpec[];
  /** Repositories `git clone` can reach (see git-remote.ts). */
  gitRepositories?: readonly GitRepository[];
}

export interface NodeSetup extends Omit<NodeIdentity, "index" | "internalIP"> {
  spec: NodeSpec;
  /** Images already pulled on the node. */
  presentImages: readonly string[];
}

/**
 * The kubelet's reference to its node in events: kind Node, the node's name as its uid, and no
 * namespace (a node is cluster-scoped). The event itself is stored in "default", as the kubelet's
 * recorder does; kubectl describe node finds it by involvedObject.namespace="" (describe.go).
 */
function nodeReference(node: Node, name: string): Node {
  const metadata = { ...node.metadata, uid: name };
  delete metadata.namespace;
  return { ...node, metadata };
}

export class Cluster {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly store: ObjectStore;
  readonly events: EventRecorder;
  readonly history = new History();
  /** The scenario it was built from (set by createCluster). */
  scenario: ScenarioSpec | undefined;
  /** Nodes a node-scoped fault hit, for labs' facts and tests. */
  faultNodes: string[] = [];
  readonly #timers = new TimerQueue();
  readonly #images = new Map<string, ImageSpec>();
  readonly #kubelets = new Map<string, Kubelet>();
  readonly #advanceListeners = new Set<() => void>();
  readonly #memoryPressureSince = new Map<string, number>();
  /** Nodes whose Ready condition is False, since when; and when each node's Ready last changed. */
  readonly #notReadySince = new Map<string, number>();
  readonly #readySince = new Map<string, number>();
  readonly #scheduler: Scheduler;
  readonly #controllers: WorkloadControllers;
  readonly #ctx: EngineContext;
  #syncRequested = false;
  #reconciledAt = -1;
  #reconciling = false;

  constructor(options: ClusterOptions) {
    this.clock = new VirtualClock(options.startMs);
    this.random = new SeededRandom(options.seed);
    this.store = new ObjectStore(this.clock, this.random);
    this.events = new EventRecorder(this.store, this.clock);
    for (const image of options.images) this.#images.set(image.name, image);
    this.#ctx = {
      store: this.store,
      clock: this.clock,
      random: this.random,
      events: this.events,
      timers: this.#timers,
      history: this.history,
      images: this.#images,
      gitRepositories: options.gitRepositories ?? [],
      deletePod: (ns, name, grace, evicted) => this.#deletePod(ns, name, grace, evicted),
      requestSync: () => {
        this.#syncRequested = true;
      },
    };
    this.#scheduler = new Scheduler(this.#ctx);
    this.#controllers = new WorkloadControllers(this.#ctx);
    this.store.watch("nodes", {}, (event) => this.#recordCordon(event.type, event.object as Node));
  }

  #cordoned = new Map<string, boolean>();

  #recordCordon(type: string, node: Node): void {
    const name = node.metadata?.name ?? "";
    const now = node.spec?.unschedulable === true;
    const before = this.#cordoned.get(name);
    this.#cordoned.set(name, now);
    if (type !== "MODIFIED" || before === undefined || before === now) return;
    this.history.add({
      kind: now ? "node-cordoned" : "node-uncordoned",
      atMs: this.clock.now(),
      node: name,
    });
  }

  image(name: string): ImageSpec | undefined {
    return this.#images.get(name);
  }

  addNode(setup: NodeSetup): void {
    const index = this.#kubelets.size;
    const identity: NodeIdentity = { ...setup, index, internalIP: `172.18.0.${index + 2}` };
    this.store.insert("nodes", buildNode(setup.spec, identity, this.random));
    const memoryKi = Number(/^(\d+)/.exec(setup.spec.memory)?.[1] ?? "8145440");
    const host = new NodeHost({
      name: setup.spec.name,
      bootTimeMs: setup.createdMs - 40_000,
      random: new SeededRandom(this.random.int(2 ** 31)),
      kernelVersion: setup.kernelVersion,
      osImage: setup.osImage,
      containerdVersion: setup.containerdVersion,
      kubeletVersion: setup.kubeletVersion,
      memoryKi,
      cpu: Number(setup.spec.cpu),
      pidMax: setup.spec.pidsMax,
      kubepodsPidsMax: setup.spec.pidsMax,
      podPidsLimit: setup.spec.podPidsLimit,
      now: () => this.clock.now(),
    });
    host.onRestart = (unit) => this.#afterRestart(setup.spec.name, unit);
    const kubelet = new Kubelet(this.#ctx, setup.spec.name, host, index, setup.presentImages);
    this.#kubelets.set(setup.spec.name, kubelet);
    this.#scheduleHeartbeat(setup.spec.name, setup.createdMs);
    const node = this.store.read<Node>("nodes", undefined, setup.spec.name);
    this.store.insert("leases", {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: {
        name: setup.spec.name,
        namespace: "kube-node-lease",
        ownerReferences: [
          { apiVersion: "v1", kind: "Node", name: setup.spec.name, uid: node?.metadata?.uid ?? "" },
        ],
      },
      spec: {
        holderIdentity: setup.spec.name,
        leaseDurationSeconds: 40,
        renewTime: microTime(setup.createdMs),
      },
    });
    // Each kubelet renews on its own phase, so the nodes' renew times differ by fractions of a second.
    this.#scheduleLeaseRenewal(
      setup.spec.name,
      setup.createdMs + LEASE_RENEW_MS + ((index * 3_733 + 411) % LEASE_RENEW_MS),
    );
  }

  #scheduleHeartbeat(node: string, fromMs: number): void {
    let at = fromMs + NODE_STATUS_REPORT_MS;
    const now = this.clock.now();
    if (at <= now) at = now + NODE_STATUS_REPORT_MS - ((now - fromMs) % NODE_STATUS_REPORT_MS);
    this.#timers.schedule(at, () => {
      this.#postNodeStatus(node);
      this.#scheduleHeartbeat(node, at);
    });
  }

  /** The kubelet renews its node Lease every 10 s; that is the heartbeat the node controller watches. */
  #scheduleLeaseRenewal(node: string, atMs: number): void {
    const now = this.clock.now();
    const at = atMs > now ? atMs : now + LEASE_RENEW_MS - ((now - atMs) % LEASE_RENEW_MS);
    this.#timers.schedule(at, () => {
      const lease = this.store.read<KubeObject & { spec?: Record<string, unknown> }>(
        "leases",
        "kube-node-lease",
        node,
      );
      if (lease)
        this.store.replace("leases", {
          ...lease,
          spec: { ...lease.spec, renewTime: microTime(this.clock.now()) },
        });
      this.#scheduleLeaseRenewal(node, at + LEASE_RENEW_MS);
    });
  }

  #postNodeStatus(name: string): void {
    const node = this.store.read<Node>("nodes", undefined, name);
    const host = this.nodeHost(name);
    if (!node?.status || !host) return;
    const now = this.clock.now();
    const created = Date.parse(node.metadata?.creationTimestamp ?? "");
    const notReadyMessage = runtimeErrors(host, now);
    const wasReady = !this.#notReadySince.has(name);
    if (wasReady !== (notReadyMessage === undefined)) {
      if (notReadyMessage === undefined) this.#notReadySince.delete(name);
      else this.#notReadySince.set(name, now);
      this.#readySince.set(name, now);
    }
    const conditions = nodeConditions(created, now, this.#memoryPressureSince.get(name), {
      sinceMs: this.#readySince.get(name) ?? created,
      notReadyMessage,
    });
    this.store.replace("nodes", { ...node, status: { ...node.status, conditions } });
    if (wasReady && notReadyMessage !== undefined) this.#nodeBecameNotReady(name);
    else if (!wasReady && notReadyMessage === undefined) this.#nodeBecameReady(name);
  }

  /**
   * containerd on a node stops answering CRI calls (runtime-failure with runtime: containerd):
   * the kubelet checks the runtime and posts node status every 10 s; it turns NotReady once the
   * runtime has been down 30 s, and the PLEG error joins after 3 min (runtime-health.ts).
   */
  hangRuntime(name: string): void {
    const host = this.nodeHost(name);
    if (!host) return;
    const now = this.clock.now();
    host.health.criHung = true;
    host.runtimeHungSinceMs = now;
    host.kubeletLog("E", "generic.go:238", "GenericPLEG: Unable to retrieve pods", now + 1000, {
      err: CRI_DEADLINE,
    });
    this.#scheduleRuntimeCheck(name, now + RUNTIME_CHECK_MS);
  }

  #scheduleRuntimeCheck(name: string, atMs: number): void {
    this.#timers.schedule(atMs, () => {
      const host = this.nodeHost(name);
      if (!host?.health.criHung) return;
      host.kubeletLog("E", "kubelet.go:3002", "Container runtime sanity check failed", atMs, {
        err: CRI_DEADLINE,
      });
      const errors = runtimeErrors(host, atMs);
      if (errors !== undefined)
        host.kubeletLog("E", "kubelet.go:2373", "Skipping pod synchronization", atMs + 1, {
          err: errors,
        });
      this.#postNodeStatus(name);
      this.#scheduleRuntimeCheck(name, atMs + RUNTIME_CHECK_MS);
    });
  }

  /**
   * What the kubelet and the node lifecycle controller do when a node turns NotReady: NodeNotReady
   * events, the pods' Ready condition set False ("Node is not ready"), the not-ready taints, and
   * after the pods' tolerationSeconds (300 s by default) their eviction by the taint manager.
   */
  #nodeBecameNotReady(name: string): void {
    const now = this.clock.now();
    this.#nodeEvent(name, "NodeNotReady", { component: "kubelet", host: name });
    this.#nodeEvent(name, "NodeNotReady", { component: "node-controller" });
    this.store.mutate<Node>("nodes", undefined, name, (node) => {
      const taints = (node.spec?.taints ?? []).filter((t) => t.key !== NOT_READY_TAINT);
      for (const effect of ["NoSchedule", "NoExecute"] as const)
        taints.push({ effect, key: NOT_READY_TAINT, timeAdded: rfc3339(now) });
      node.spec = { ...node.spec, taints };
    });
    for (const pod of this.store.list<Pod>("pods", { fieldSelector: `spec.nodeName=${name}` })) {
      const conditions = (pod.status?.conditions ?? []).map((c) =>
        c.type === "Ready" && c.status === "True"
          ? { ...c, status: "False", lastTransitionTime: rfc3339(now) }
          : c,
      );
      this.store.update("pods", { ...pod, status: { ...pod.status, conditions } });
      this.events.record(
        { ...pod, apiVersion: "v1", kind: "Pod" },
        "Warning",
        "NodeNotReady",
        "Node is not ready",
        { component: "node-controller" },
      );
      const toleration = (pod.spec?.tolerations ?? []).find((t) =>
        tolerates([t], { key: NOT_READY_TAINT, effect: "NoExecute" }),
      );
      if (toleration && toleration.tolerationSeconds === undefined) continue;
      const namespace = pod.metadata?.namespace ?? "default";
      const podName = pod.metadata?.name ?? "";
      const uid = pod.metadata?.uid;
      this.#timers.schedule(now + (toleration?.tolerationSeconds ?? 0) * 1000, () => {
        const current = this.store.get<Pod>("pods", namespace, podName);
        if (current?.metadata?.uid !== uid || !this.#notReadySince.has(name)) return;
        this.events.record(
          { ...current, apiVersion: "v1", kind: "Pod" },
          "Normal",
          "TaintManagerEviction",
          `Marking for deletion Pod ${namespace}/${podName}`,
          { component: "taint-eviction-controller" },
        );
        this.#deletePod(namespace, podName, undefined, false);
      });
    }
  }

  #nodeBecameReady(name: string): void {
    this.#nodeEvent(name, "NodeReady", { component: "kubelet", host: name });
    this.store.mutate<Node>("nodes", undefined, name, (node) => {
      const spec: NonNullable<Node["spec"]> = { ...node.spec };
      const taints = (spec.taints ?? []).filter((t) => t.key !== NOT_READY_TAINT);
      if (taints.length > 0) spec.taints = taints;
      else delete spec.taints;
      node.spec = spec;
    });
    this.#kubelets.get(name)?.forgetStatuses();
  }

  #nodeEvent(name: string, reason: string, source: { component: string; host?: string }): void {
    const node = this.store.require<Node>("nodes", undefined, name);
    this.events.record(
      nodeReference(node, name),
      "Normal",
      reason,
      `Node ${name} status is now: ${reason}`,
      source,
    );
  }

  /** Node names, sorted. */
  nodeNames(): string[] {
    return [...this.#kubelets.keys()].sort();
  }

  /** The containers running on a node now (what its kubelet's resource metrics cover). */
  runningContainers(node: string): RunningContainer[] {
    return this.#kubelets.get(node)?.runningContainers() ?? [];
  }

  /**
   * What `container` of a pod sees as processes (its PID namespace: container-processes.ts).
   * Empty when the pod or the container is not running.
   */
  containerProcesses(namespace: string, pod: string, container: string): ProcessView {
    const object = this.store.get<Pod>("pods", namespace, pod);
    if (!object) return { processes: [], nextPid: 1 };
    return processesSeenBy(
      object,
      this.runningContainers(object.spec?.nodeName ?? ""),
      container,
      this.clock.now(),
    );
  }

  /**
   * The files a container sees through its Secret and ConfigMap volumes (volume-files.ts), for
   * the container shells' filesystem. Empty for an unknown pod or container.
   */
  containerFiles(namespace: string, pod: string, container: string): MountedFile[] {
    const object = this.store.get<Pod>("pods", namespace, pod);
    return object ? mountedFiles(this.store, object, container) : [];
  }

  /** The node's operating system (journal, dmesg, units, files, crictl). */
  nodeHost(name: string): NodeHost | undefined {
    return this.#kubelets.get(name)?.host;
  }

  /**
   * Puts a node under memory pressure as the kubelet's eviction manager reports it: the
   * MemoryPressure condition and the node.kubernetes.io/memory-pressure:NoSchedule taint.
   */
  setMemoryPressure(name: string): void {
    const host = this.nodeHost(name);
    if (!host) return;
    host.health.memoryExhausted = true;
    this.#memoryPressureSince.set(name, this.clock.now());
    this.store.mutate<Node>("nodes", undefined, name, (node) => {
      const taints = (node.spec?.taints ?? []).filter(
        (t) => t.key !== "node.kubernetes.io/memory-pressure",
      );
      taints.push({
        effect: "NoSchedule",
        key: "node.kubernetes.io/memory-pressure",
        timeAdded: rfc3339(this.clock.now()),
      });
      node.spec = { ...node.spec, taints };
    });
    this.#postNodeStatus(name);
    const node = this.store.require<Node>("nodes", undefined, name);
    this.events.record(
      nodeReference(node, name),
      "Normal",
      "NodeHasInsufficientMemory",
      `Node ${name} status is now: NodeHasInsufficientMemory`,
      { component: "kubelet", host: name },
    );
  }

  /** The kernel OOM killer ends every running container on the node (memory pressure). */
  oomKillRunning(name: string): void {
    this.#kubelets.get(name)?.oomKillRunning();
    this.#reconcile();
  }

  /**
   * Moves the clock without stepping through the timers due on the way (they run once, late, on
   * the next advance). Only for building a scenario's backdrop, such as nodes that have existed
   * for three days, where stepping every status report would cost time for nothing.
   */
  skipIdleTime(ms: number): void {
    this.clock.advance(ms);
  }

  /** The history of notable actions, for grading. */
  historyEntries(): ReturnType<History["entries"]> {
    return this.history.entries();
  }

  /**
   * Calls `listener` each time virtual time has moved (after what fell due ran), for readers of
   * what changes with time alone, such as a log a running process keeps writing (`logs -f`).
   * Returns the unsubscribe function.
   */
  onAdvance(listener: () => void): () => void {
    this.#advanceListeners.add(listener);
    return () => this.#advanceListeners.delete(listener);
  }

  /** Moves virtual time forward, running every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    this.clock.advance(0);
    for (;;) {
      const due = this.#timers.nextDue();
      if (due === undefined || due > target) break;
      if (due > this.clock.now()) this.clock.advance(due - this.clock.now());
      const run = this.#timers.takeDue(due);
      run?.();
      this.#reconcile();
    }
    if (target > this.clock.now()) this.clock.advance(target - this.clock.now());
    this.#reconcile();
    for (const listener of [...this.#advanceListeners]) listener();
  }

  /**
   * Changes to what controllers, scheduler and kubelets act on. Events and other resources do not
   * count, so recording an event does not cost a reconcile pass.
   */
  #workloadChanges(): number {
    let sum = 0;
    for (const resource of WORKLOAD_RESOURCES) sum += this.store.changesOf(resource);
    return sum;
  }

  /** Whether a kubelet asked for another pass during this one (its timers and callbacks set it). */
  #syncPending(): boolean {
    return this.#syncRequested;
  }

  /** Runs controllers, scheduler and kubelets until the state stops changing. */
  #reconcile(): void {
    if (this.#reconciling) {
      this.#syncRequested = true;
      return;
    }
    this.#reconciling = true;
    try {
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        const before = this.#workloadChanges();
        if (before === this.#reconciledAt && !this.#syncPending()) break;
        this.#syncRequested = false;
        this.#reconciledAt = before;
        this.#controllers.reconcile();
        this.#scheduler.schedule();
        for (const name of this.nodeNames()) this.#kubelets.get(name)?.sync();
      }
    } finally {
      this.#reconciling = false;
    }
  }

  /** Creates an object as the API server would (pods get admission defaults), then reconciles. */
  create<T extends KubeObject>(resource: string, object: T): T {
    let toStore: KubeObject = object;
    if (resource === "pods") toStore = applyPodDefaults(object as Pod, this.random);
    else if (["deployments", "replicasets", "daemonsets"].includes(resource))
      toStore = { ...object, metadata: { ...object.metadata, generation: 1 } };
    const created = this.store.create(resource, toStore);
    this.#reconcile();
    return (
      this.store.get<T>(resource, created.metadata?.namespace, created.metadata?.name ?? "") ??
      (created as T)
    );
  }

  /** Replaces an object (a PUT or an applied patch), bumping generation when spec changes. */
  updateObject<T extends KubeObject & { spec?: unknown }>(resource: string, object: T): T {
    const current = this.store.require<T>(
      resource,
      object.metadata?.namespace,
      object.metadata?.name ?? "",
    );
    let next: T =
      resource === "pods" ? (withEphemeralDefaults(object as Pod) as unknown as T) : object;
    if (
      current.metadata?.generation !== undefined &&
      JSON.stringify(current.spec) !== JSON.stringify(object.spec)
    ) {
      next = {
        ...object,
        metadata: { ...object.metadata, generation: current.metadata.generation + 1 },
      };
    }
    const updated = this.store.update(resource, next);
    this.#reconcile();
    return updated;
  }

  /**
   * The terminal session attached to a container's interactive shell (`kubectl debug POD -it`,
   * `kubectl run -it`, `kubectl attach -it`) ended with `exit N` or Ctrl-D: that shell is the
   * container's main process, so the container terminates with the status (an ephemeral one for
   * good, a regular one as its restart policy says). False when no such shell was running.
   */
  attachedProcessExited(
    namespace: string,
    podName: string,
    container: string,
    exitStatus: number,
  ): boolean {
    const pod = this.store.get<Pod>("pods", namespace, podName);
    const kubelet = this.#kubelets.get(pod?.spec?.nodeName ?? "");
    const ended = kubelet?.endAttachedProcess(pod?.metadata?.uid ?? "", container, exitStatus);
    this.#reconcile();
    return ended === true;
  }

  /** `kubectl delete pod`: graceful unless gracePeriodSeconds is 0 or the pod never reached a node. */
  deletePod(namespace: string, name: string, options: { gracePeriodSeconds?: number } = {}): Pod {
    const pod = this.store.require<Pod>("pods", namespace, name);
    this.#deletePod(namespace, name, options.gracePeriodSeconds, false);
    this.#reconcile();
    return this.store.get<Pod>("pods", namespace, name) ?? pod;
  }

  /** The Eviction API (what drain uses): a graceful deletion recorded as an eviction. */
  evictPod(namespace: string, name: string): void {
    this.store.require<Pod>("pods", namespace, name);
    this.#deletePod(namespace, name, undefined, true);
    this.#reconcile();
  }

  #deletePod(
    namespace: string,
    name: string,
    gracePeriodSeconds: number | undefined,
    evicted: boolean,
  ): void {
    const pod = this.store.get<Pod>("pods", namespace, name);
    if (!pod) throw new StoreError("NotFound", `pods "${name}" not found`);
    const node = pod.spec?.nodeName;
    if (pod.metadata?.deletionTimestamp === undefined) {
      this.history.add({
        kind: "pod-deleted",
        atMs: this.clock.now(),
        namespace,
        name,
        node,
        evicted,
      });
    }
    const grace = gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (grace === 0 || node === undefined || node === "") {
      this.store.delete("pods", namespace, name);
      return;
    }
    if (pod.metadata?.deletionTimestamp !== undefined) return;
    pod.metadata = {
      ...pod.metadata,
      deletionTimestamp: rfc3339(this.clock.now() + grace * 1000),
      deletionGracePeriodSeconds: grace,
    };
    this.store.update("pods", pod);
  }

  cordon(node: string): void {
    this.#setUnschedulable(node, true);
  }

  uncordon(node: string): void {
    this.#setUnschedulable(node, false);
  }

  #setUnschedulable(name: string, value: boolean): void {
    this.store.mutate<Node>("nodes", undefined, name, (node) => {
      const spec = { ...node.spec };
      if (value) spec.unschedulable = true;
      else delete spec.unschedulable;
      node.spec = spec;
    });
    this.#reconcile();
  }

  /** `systemctl restart <unit>` on a node. Returns false for an unknown unit. */
  restartUnit(node: string, unit: string): boolean {
    const host = this.nodeHost(node);
    if (!host) throw new StoreError("NotFound", `nodes "${node}" not found`);
    return host.restart(unit, this.clock.now());
  }

  #afterRestart(node: string, unit: string): void {
    const podsOnNode = this.store
      .readList<Pod>("pods", { fieldSelector: `spec.nodeName=${node}` })
      .filter(
        (p) =>
          p.metadata?.deletionTimestamp === undefined &&
          p.metadata?.ownerReferences?.[0]?.kind !== "DaemonSet",
      )
      .map((p) => `${p.metadata?.namespace ?? ""}/${p.metadata?.name ?? ""}`);
    this.history.add({ kind: "unit-restarted", atMs: this.clock.now(), node, unit, podsOnNode });
    // The kubelet reports node status again within its 10 s update period.
    if (this.#notReadySince.has(node))
      this.#timers.schedule(this.clock.now() + 2_000, () => this.#postNodeStatus(node));
    this.#reconcile();
  }

  /**
   * Container logs (the /log subresource); throws LogsError or StoreError with the API's message.
   * The run read is the one the kubelet's validateContainerLogStatus picks from the pod's status
   * (containerLogs), so kubectl logs, crictl logs and attach's fallback show the same run.
   */
  podLogs(
    namespace: string,
    podName: string,
    container: string | undefined,
    options: { previous?: boolean } = {},
  ): readonly LogLine[] {
    const pod = this.store.get<Pod>("pods", namespace, podName);
    if (!pod) throw new StoreError("NotFound", `pods "${podName}" not found`);
    return containerLogs(
      { podLogs: (_ns, _pod, name, opts) => this.#runLogs(pod, name, opts) },
      pod,
      container,
      options,
    );
  }

  /** The lines of the run `previous` names, after the API server's checks of the container name. */
  #runLogs(pod: Pod, container: string | undefined, options: { previous?: boolean }): LogLine[] {
    const podName = pod.metadata?.name ?? "";
    const names = (pod.spec?.containers ?? []).map((c) => c.name);
    const initNames = (pod.spec?.initContainers ?? []).map((c) => c.name);
    const ephemeralNames = (pod.spec?.ephemeralContainers ?? []).map((c) => c.name);
    let name = container;
    if (name === undefined) {
      if (names.length !== 1) {
        const inits =
          initNames.length > 0 ? ` or one of the init containers: [${initNames.join(" ")}]` : "";
        const ephemerals =
          ephemeralNames.length > 0
            ? ` or one of the ephemeral containers: [${ephemeralNames.join(" ")}]`
            : "";
        throw new LogsError(
          `a container name must be specified for pod ${podName}, choose one of: [${names.join(" ")}]${inits}${ephemerals}`,
        );
      }
      name = names[0] ?? "";
    }
    if (![...names, ...initNames, ...ephemeralNames].includes(name))
      throw new LogsError(`container ${name} is not valid for pod ${podName}`);
    const kubelet = this.#kubelets.get(pod.spec?.nodeName ?? "");
    if (!kubelet) {
      if (options.previous === true)
        throw new LogsError(
          `previous terminated container "${name}" in pod "${podName}" not found`,
        );
      throw new LogsError(
        `container "${name}" in pod "${podName}" is waiting to start: ContainerCreating`,
      );
    }
    return kubelet.logs(pod, name, options.previous === true);
  }

  /** The whole observable state as JSON-able data (objects, hosts, history), for determinism checks. */
  snapshot(): unknown {
    return {
      now: this.clock.now(),
      resourceVersion: this.store.resourceVersion(),
      objects: this.store.snapshot(),
      hosts: this.nodeNames().map((name) => {
        const host = this.nodeHost(name);
        return {
          name,
          journal: host?.journal(),
          kernel: host?.kernelLog(),
          units: host?.units(),
          containers: host?.criContainers(),
        };
      }),
      history: this.history.entries(),
    };
  }
}
