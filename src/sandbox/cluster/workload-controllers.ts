/**
 * The controllers that keep workloads at their desired size: a Deployment owns a ReplicaSet named
 * after the template's hash; a ReplicaSet replaces pods that are deleted or evicted; a DaemonSet
 * keeps one pod per node (tolerating cordons, which is why drain must skip them).
 */
import type { DaemonSet, Deployment, ReplicaSet } from "kubernetes-types/apps/v1.d.ts";
import type { Pod, PodTemplateSpec, Toleration } from "kubernetes-types/core/v1.d.ts";
import type { OwnerReference } from "kubernetes-types/meta/v1.d.ts";
import { collectGarbage } from "./garbage-collector.ts";
import type { EngineContext } from "./context.ts";
import { deploymentConditions, progressCheckAt, progressDeadline } from "./deployment-progress.ts";
import { applyPodDefaults } from "./pod-defaults.ts";
import {
  fenceposts,
  isRollingUpdate,
  maxUnavailable,
  newReplicaSetReplicas,
  oldReplicaSetReplicas,
  type ReplicaSetCounts,
} from "./rolling-update.ts";
import type { KubeObject, Writable } from "./store.ts";
import { rfc3339 } from "./time-format.ts";

const HASH_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const REVISION = "deployment.kubernetes.io/revision";
const REVISION_HISTORY = "deployment.kubernetes.io/revision-history";

function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata?.annotations?.[REVISION] ?? "0") || 0;
}

/** controller.ReplicaSetsByCreationTimestamp: oldest first, then by name. */
function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return (
    (a.metadata?.creationTimestamp ?? "").localeCompare(b.metadata?.creationTimestamp ?? "") ||
    (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? "")
  );
}

/** A stable pod-template-hash (kube-controller-manager uses FNV-32a over the template, safe-encoded). */
export function templateHash(template: PodTemplateSpec): string {
  const cached = hashes.get(template);
  if (cached !== undefined) return cached;
  const computed = computeTemplateHash(template);
  hashes.set(template, computed);
  return computed;
}

/** Stored objects are frozen and replaced on change, so a template's identity keys its hash. */
const hashes = new WeakMap<PodTemplateSpec, string>();

function computeTemplateHash(template: PodTemplateSpec): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(template)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  let out = "";
  for (let i = 0; i < 10; i++) {
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
    h = (h ^ (h >>> 15)) >>> 0;
    out += HASH_ALPHABET[h % HASH_ALPHABET.length] ?? "b";
  }
  return out;
}

function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? "apps/v1",
    blockOwnerDeletion: true,
    controller: true,
    kind: owner.kind ?? "",
    name: owner.metadata?.name ?? "",
    uid: owner.metadata?.uid ?? "",
  };
}

function isActive(pod: Pod): boolean {
  return (
    pod.metadata?.deletionTimestamp === undefined &&
    pod.status?.phase !== "Succeeded" &&
    pod.status?.phase !== "Failed"
  );
}

function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function readySinceMs(pod: Pod): number {
  const ready = pod.status?.conditions?.find((c) => c.type === "Ready" && c.status === "True");
  return Date.parse(ready?.lastTransitionTime ?? "") || 0;
}

function restarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount));
}

/**
 * Which pods a ReplicaSet scaling down deletes first (controller.ActivePods, as getPodsToDelete
 * sorts them): unscheduled, then pending before running, not ready before ready, ready for less
 * time, more restarts, newer. A rollout's old ReplicaSet thus gives up its crash-looping pods
 * before the ones still serving.
 */
function deletionOrder(a: Pod, b: Pod): number {
  const nodeA = a.spec?.nodeName ?? "";
  const nodeB = b.spec?.nodeName ?? "";
  if (nodeA !== nodeB && (nodeA === "" || nodeB === "")) return nodeA === "" ? -1 : 1;
  const phase = (p: Pod): number => PHASE_ORDINAL[p.status?.phase ?? ""] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  if (isReady(a) !== isReady(b)) return isReady(a) ? 1 : -1;
  if (isReady(a) && readySinceMs(a) !== readySinceMs(b)) return readySinceMs(b) - readySinceMs(a);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return (
    (b.metadata?.creationTimestamp ?? "").localeCompare(a.metadata?.creationTimestamp ?? "") ||
    (b.metadata?.name ?? "").localeCompare(a.metadata?.name ?? "")
  );
}

/** Tolerations the DaemonSet controller adds to every daemon pod. */
const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists" },
  { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists" },
  { effect: "NoSchedule", key: "node.kubernetes.io/disk-pressure", operator: "Exists" },
  { effect: "NoSchedule", key: "node.kubernetes.io/memory-pressure", operator: "Exists" },
  { effect: "NoSchedule", key: "node.kubernetes.io/pid-pressure", operator: "Exists" },
  { effect: "NoSchedule", key: "node.kubernetes.io/unschedulable", operator: "Exists" },
];

export class WorkloadControllers {
  readonly #ctx: EngineContext;
  /** Progress checks already queued, by deployment uid and time. */
  readonly #progressChecks = new Set<string>();
  /** The change counters the garbage collector last saw: with none moved it has nothing to do. */
  #collectedAt = "";
  /**
   * What each workload object was last synced with: the stored (frozen, replaced on change)
   * objects its controller reads, and a key of anything else it reads (node changes, the time).
   * A sync with the same inputs again would compute and write nothing, as its outcome is a
   * function of them alone.
   */
  readonly #syncedWith = new WeakMap<KubeObject, { reads: readonly KubeObject[]; key: string }>();
  /** Objects of a resource by namespace and owner uid, valid while the resource's counter holds. */
  readonly #dependents = new Map<string, { at: number; byOwner: Map<string, KubeObject[]> }>();

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
  }

  /** One pass of every controller; returns true when it changed anything. */
  reconcile(): boolean {
    let changed = false;
    // What a pass reads is recorded before it runs: its own deletions orphan more (the pods of a
    // deleted ReplicaSet), which the next pass must see.
    const garbageInputs = this.#garbageInputs();
    if (garbageInputs !== this.#collectedAt) {
      changed = collectGarbage(this.#ctx);
      this.#collectedAt = garbageInputs;
    }
    const { store, clock } = this.#ctx;
    for (const d of store.readList<Deployment>("deployments")) {
      const namespace = d.metadata?.namespace ?? "default";
      const owned = this.#ownedBy<ReplicaSet>("replicasets", namespace, d);
      const reads = [...owned, ...owned.flatMap((rs) => this.#ownedBy("pods", namespace, rs))];
      changed =
        this.#unlessSynced(d, reads, String(clock.now()), () => this.#deployment(d)) || changed;
    }
    for (const rs of store.readList<ReplicaSet>("replicasets")) {
      const reads = this.#ownedBy("pods", rs.metadata?.namespace ?? "default", rs);
      changed = this.#unlessSynced(rs, reads, "", () => this.#replicaSet(rs)) || changed;
    }
    for (const ds of store.readList<DaemonSet>("daemonsets")) {
      const reads = this.#ownedBy("pods", ds.metadata?.namespace ?? "kube-system", ds);
      const nodes = String(store.changesOf("nodes"));
      changed = this.#unlessSynced(ds, reads, nodes, () => this.#daemonSet(ds)) || changed;
    }
    return changed;
  }

  /** Runs one object's sync unless it already ran with the same inputs (see #syncedWith). */
  #unlessSynced(
    object: KubeObject,
    reads: readonly KubeObject[],
    key: string,
    sync: () => boolean,
  ): boolean {
    const last = this.#syncedWith.get(object);
    if (
      last?.key === key &&
      last.reads.length === reads.length &&
      last.reads.every((read, i) => read === reads[i])
    )
      return false;
    const changed = sync();
    this.#syncedWith.set(object, { reads, key });
    return changed;
  }

  /** What the garbage collector reads: owners and their dependents. */
  #garbageInputs(): string {
    const { store } = this.#ctx;
    return ["deployments", "replicasets", "daemonsets", "pods"]
      .map((resource) => store.changesOf(resource))
      .join(",");
  }

  /** The objects of `resource` in the owner's namespace that name it as an owner, in list order. */
  // The caller names the kind it expects, as with the store's reads.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  #ownedBy<T extends KubeObject>(
    resource: string,
    namespace: string,
    owner: KubeObject,
  ): readonly T[] {
    const { store } = this.#ctx;
    const at = store.changesOf(resource);
    let index = this.#dependents.get(resource);
    if (index?.at !== at) {
      const byOwner = new Map<string, KubeObject[]>();
      for (const object of store.readList(resource)) {
        for (const ref of object.metadata?.ownerReferences ?? []) {
          const k = `${object.metadata?.namespace ?? ""}/${ref.uid}`;
          const list = byOwner.get(k);
          // Two references to one owner still make one dependent.
          if (!list) byOwner.set(k, [object]);
          else if (list.at(-1) !== object) list.push(object);
        }
      }
      index = { at, byOwner };
      this.#dependents.set(resource, index);
    }
    return (index.byOwner.get(`${namespace}/${owner.metadata?.uid ?? ""}`) ?? []) as T[];
  }

  #createPod(
    owner: KubeObject,
    template: PodTemplateSpec,
    generateName: string,
    extra: (pod: Pod) => void,
  ): Pod {
    const pod: Pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        generateName,
        labels: { ...template.metadata?.labels },
        namespace: owner.metadata?.namespace ?? "default",
        ownerReferences: [ownerRef(owner)],
      },
      spec: structuredClone(template.spec ?? { containers: [] }),
    };
    extra(pod);
    const created = this.#ctx.store.insert("pods", applyPodDefaults(pod, this.#ctx.random));
    const component = owner.kind === "DaemonSet" ? "daemonset-controller" : "replicaset-controller";
    this.#ctx.events.record(
      owner,
      "Normal",
      "SuccessfulCreate",
      `Created pod: ${created.metadata?.name ?? ""}`,
      { component },
    );
    return created;
  }

  /**
   * One sync of the deployment controller (sync.go, rolling.go, recreate.go): find or create the
   * ReplicaSet of the current template (revision max+1, also for an old one brought back by an
   * undo), move replicas from the old ReplicaSets to it as the strategy allows, then write the
   * status and its conditions.
   */
  #deployment(d: Deployment): boolean {
    const namespace = d.metadata?.namespace ?? "default";
    const template = d.spec?.template ?? {};
    const hash = templateHash(template);
    const rsName = `${d.metadata?.name ?? ""}-${hash}`;
    const desired = d.spec?.replicas ?? 1;
    const strategy = d.spec?.strategy;
    const deploymentRef = { ...d, apiVersion: "apps/v1", kind: "Deployment" };
    const owned = this.#ownedBy<ReplicaSet>("replicasets", namespace, d);
    const found = owned.find((rs) => rs.metadata?.name === rsName);
    const oldSets = owned.filter((rs) => rs !== found).sort(byCreation);
    const counts = (rs: ReplicaSet): ReplicaSetCounts => ({
      name: rs.metadata?.name ?? "",
      replicas: rs.spec?.replicas ?? 0,
      available: this.#ownedBy<Pod>("pods", namespace, rs).filter((p) => isActive(p) && isReady(p))
        .length,
    });
    const oldReplicas = oldSets.reduce((sum, rs) => sum + (rs.spec?.replicas ?? 0), 0);
    const { maxSurge } = fenceposts(strategy, desired);
    const rolling = isRollingUpdate(strategy);
    const paused = d.spec?.paused === true;
    const nextRevision = String(Math.max(0, ...oldSets.map(revisionOf)) + 1);
    let changed = false;
    let current = found;
    // recreate.go: the new pods start only once no old pod runs (terminating ones included).
    const oldPodsRunning = oldSets.some((rs) =>
      this.#ownedBy<Pod>("pods", namespace, rs).some(
        (p) => p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed",
      ),
    );
    if (!current && !paused && (rolling || (oldReplicas === 0 && !oldPodsRunning))) {
      current = this.#createReplicaSet(d, rsName, hash, nextRevision, {
        replicas: rolling ? newReplicaSetReplicas(desired, maxSurge, 0, oldReplicas) : desired,
        maxSurge,
      });
      changed = true;
    } else if (current && revisionOf(current) < Number(nextRevision)) {
      this.#reviseReplicaSet(current, nextRevision);
      changed = true;
    }
    if (current && d.metadata?.annotations?.[REVISION] !== String(revisionOf(current))) {
      this.#ctx.store.mutate<Writable<Deployment>>(
        "deployments",
        namespace,
        d.metadata?.name ?? "",
        (deployment) => {
          deployment.metadata = {
            ...deployment.metadata,
            annotations: {
              ...deployment.metadata?.annotations,
              [REVISION]: String(revisionOf(current)),
            },
          };
        },
      );
    }
    if (!rolling && !paused) {
      // rolloutRecreate: every old ReplicaSet to 0 first, the new one to full size after.
      for (const old of oldSets)
        changed = this.#scale(deploymentRef, old, 0, desired, maxSurge) || changed;
      if (current && !oldPodsRunning && oldReplicas === 0)
        changed = this.#scale(deploymentRef, current, desired, desired, maxSurge) || changed;
    } else if (current && !paused) {
      const currentReplicas = current.spec?.replicas ?? 0;
      const target =
        currentReplicas > desired
          ? desired
          : newReplicaSetReplicas(
              desired,
              maxSurge,
              currentReplicas,
              oldReplicas + currentReplicas,
            );
      if (target !== currentReplicas) {
        changed = this.#scale(deploymentRef, current, target, desired, maxSurge) || changed;
      } else {
        const sizes = oldReplicaSetReplicas(
          desired,
          maxUnavailable(strategy, desired),
          counts(current),
          oldSets.map(counts),
        );
        for (const old of oldSets)
          changed =
            this.#scale(
              deploymentRef,
              old,
              sizes.get(old.metadata?.name ?? "") ?? 0,
              desired,
              maxSurge,
            ) || changed;
      }
    }
    this.#deploymentStatus(d, owned, current?.metadata?.name ?? rsName, hash, !found);
    return changed;
  }

  #createReplicaSet(
    d: Deployment,
    rsName: string,
    hash: string,
    revision: string,
    size: { replicas: number; maxSurge: number },
  ): ReplicaSet {
    const template = d.spec?.template ?? {};
    const desired = d.spec?.replicas ?? 1;
    const labels = { ...template.metadata?.labels, "pod-template-hash": hash };
    const deploymentRef = { ...d, apiVersion: "apps/v1", kind: "Deployment" };
    const rs: ReplicaSet = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: rsName,
        namespace: d.metadata?.namespace ?? "default",
        labels,
        annotations: {
          "deployment.kubernetes.io/desired-replicas": String(desired),
          "deployment.kubernetes.io/max-replicas": String(desired + size.maxSurge),
          [REVISION]: revision,
        },
        ownerReferences: [ownerRef(deploymentRef)],
        generation: 1,
      },
      spec: {
        replicas: size.replicas,
        selector: { matchLabels: { ...d.spec?.selector.matchLabels, "pod-template-hash": hash } },
        template: { ...template, metadata: { ...template.metadata, labels } },
      },
    };
    const created = this.#ctx.store.create("replicasets", rs);
    if (size.replicas > 0)
      this.#ctx.events.record(
        deploymentRef,
        "Normal",
        "ScalingReplicaSet",
        `Scaled up replica set ${rsName} from 0 to ${String(size.replicas)}`,
        { component: "deployment-controller" },
      );
    return created;
  }

  /**
   * SetNewReplicaSetAnnotations: a ReplicaSet that becomes the new one again (rollout undo) takes
   * the next revision and keeps its earlier ones in revision-history.
   */
  #reviseReplicaSet(rs: ReplicaSet, revision: string): void {
    const before = rs.metadata?.annotations?.[REVISION];
    this.#ctx.store.mutate<Writable<ReplicaSet>>(
      "replicasets",
      rs.metadata?.namespace,
      rs.metadata?.name ?? "",
      (set) => {
        const annotations: Record<string, string> = {
          ...set.metadata?.annotations,
          [REVISION]: revision,
        };
        if (before !== undefined) {
          const history = annotations[REVISION_HISTORY];
          annotations[REVISION_HISTORY] = history ? `${history},${before}` : before;
        }
        set.metadata = { ...set.metadata, annotations };
      },
    );
  }

  /** scaleReplicaSet: the new size, the replicas annotations and the deployment's event. */
  #scale(
    deploymentRef: KubeObject,
    rs: ReplicaSet,
    to: number,
    desired: number,
    maxSurge: number,
  ): boolean {
    const from = rs.spec?.replicas ?? 0;
    if (from === to) return false;
    this.#ctx.store.mutate<Writable<ReplicaSet>>(
      "replicasets",
      rs.metadata?.namespace,
      rs.metadata?.name ?? "",
      (set) => {
        set.spec = { ...set.spec, selector: set.spec?.selector ?? {}, replicas: to };
        set.metadata = {
          ...set.metadata,
          annotations: {
            ...set.metadata?.annotations,
            "deployment.kubernetes.io/desired-replicas": String(desired),
            "deployment.kubernetes.io/max-replicas": String(desired + maxSurge),
          },
          generation: (set.metadata?.generation ?? 1) + 1,
        };
      },
    );
    this.#ctx.events.record(
      deploymentRef,
      "Normal",
      "ScalingReplicaSet",
      `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata?.name ?? ""} from ${String(from)} to ${String(to)}`,
      { component: "deployment-controller" },
    );
    return true;
  }

  /** calculateStatus and syncRolloutStatus: counts from the ReplicaSets' pods, the conditions. */
  #deploymentStatus(
    d: Deployment,
    owned: readonly ReplicaSet[],
    rsName: string,
    hash: string,
    created: boolean,
  ): void {
    const namespace = d.metadata?.namespace ?? "default";
    const desired = d.spec?.replicas ?? 1;
    const pods = [
      ...new Set(owned.flatMap((rs) => this.#ownedBy<Pod>("pods", namespace, rs))),
    ].filter(isActive);
    const updated = pods.filter((p) => p.metadata?.labels?.["pod-template-hash"] === hash);
    const ready = pods.filter(isReady).length;
    const nowMs = this.#ctx.clock.now();
    const deadlineSeconds = progressDeadline(d.spec);
    const counts = {
      replicas: pods.length,
      updatedReplicas: updated.length,
      readyReplicas: ready,
      availableReplicas: ready,
    };
    const conditions = deploymentConditions({
      previous: d.status,
      counts,
      desired,
      deadlineSeconds,
      newReplicaSet: rsName,
      created,
      // deploymentutil.MaxUnavailable: a rolling update counts as available with that many short.
      available: ready >= desired - maxUnavailable(d.spec?.strategy, desired),
      nowMs,
      now: rfc3339(nowMs),
    });
    this.#scheduleProgressCheck(d, progressCheckAt(conditions, deadlineSeconds));
    const status = {
      availableReplicas: ready,
      conditions,
      observedGeneration: d.metadata?.generation ?? 1,
      readyReplicas: ready,
      replicas: pods.length,
      unavailableReplicas: Math.max(0, desired - ready),
      updatedReplicas: updated.length,
    };
    if (status.readyReplicas === 0) {
      const s = status as Partial<typeof status>;
      delete s.readyReplicas;
      delete s.availableReplicas;
    }
    if (status.unavailableReplicas === 0)
      delete (status as Partial<typeof status>).unavailableReplicas;
    if (JSON.stringify(d.status) !== JSON.stringify(status)) {
      this.#writeStatus("deployments", d, status);
    }
  }

  #replicaSet(rs: ReplicaSet): boolean {
    const namespace = rs.metadata?.namespace ?? "default";
    const desired = rs.spec?.replicas ?? 1;
    const pods = this.#ownedBy<Pod>("pods", namespace, rs).filter(isActive);
    const ref = { ...rs, apiVersion: "apps/v1", kind: "ReplicaSet" };
    let changed = false;
    for (let i = pods.length; i < desired; i++) {
      pods.push(
        this.#createPod(
          ref,
          rs.spec?.template ?? {},
          `${rs.metadata?.name ?? ""}-`,
          () => undefined,
        ),
      );
      changed = true;
    }
    if (pods.length > desired) {
      const excess = [...pods].sort(deletionOrder).slice(0, pods.length - desired);
      for (const pod of excess) {
        this.#ctx.deletePod(
          pod.metadata?.namespace ?? namespace,
          pod.metadata?.name ?? "",
          undefined,
          false,
        );
        this.#ctx.events.record(
          ref,
          "Normal",
          "SuccessfulDelete",
          `Deleted pod: ${pod.metadata?.name ?? ""}`,
          { component: "replicaset-controller" },
        );
      }
      changed = true;
    }
    const live = this.#ownedBy<Pod>("pods", namespace, rs).filter(isActive);
    const ready = live.filter(isReady).length;
    const status: NonNullable<ReplicaSet["status"]> = {
      fullyLabeledReplicas: live.length,
      observedGeneration: rs.metadata?.generation ?? 1,
      replicas: live.length,
    };
    if (ready > 0) {
      status.availableReplicas = ready;
      status.readyReplicas = ready;
    }
    if (live.length === 0) delete status.fullyLabeledReplicas;
    if (JSON.stringify(rs.status) !== JSON.stringify(status)) {
      this.#writeStatus("replicasets", rs, status);
    }
    return changed;
  }

  #daemonSet(ds: DaemonSet): boolean {
    const { store } = this.#ctx;
    const namespace = ds.metadata?.namespace ?? "kube-system";
    const ref = { ...ds, apiVersion: "apps/v1", kind: "DaemonSet" };
    const pods = this.#ownedBy<Pod>("pods", namespace, ds).filter(
      (p) => p.metadata?.deletionTimestamp === undefined,
    );
    const selector = ds.spec?.template.spec?.nodeSelector ?? {};
    const nodes = store
      .readList<{ metadata?: { name?: string; labels?: Record<string, string> } }>("nodes")
      .filter((n) => Object.entries(selector).every(([k, v]) => n.metadata?.labels?.[k] === v));
    let changed = false;
    for (const node of nodes) {
      const nodeName = node.metadata?.name ?? "";
      const has = pods.some((p) => this.#targetNode(p) === nodeName);
      if (has) continue;
      const template = ds.spec?.template ?? {};
      this.#createPod(ref, template, `${ds.metadata?.name ?? ""}-`, (pod) => {
        const spec = pod.spec ?? { containers: [] };
        const tolerations = [...(spec.tolerations ?? [])];
        for (const t of DAEMON_TOLERATIONS)
          if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect))
            tolerations.push({ ...t });
        pod.spec = {
          ...spec,
          tolerations,
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }] },
                ],
              },
            },
          },
        };
        pod.metadata = {
          ...pod.metadata,
          labels: {
            ...pod.metadata?.labels,
            "controller-revision-hash": templateHash(template).slice(0, 9),
            "pod-template-generation": "1",
          },
        };
      });
      changed = true;
    }
    const live = this.#ownedBy<Pod>("pods", namespace, ds).filter(isActive);
    const ready = live.filter(isReady).length;
    const status: NonNullable<DaemonSet["status"]> = {
      currentNumberScheduled: live.filter((p) => p.spec?.nodeName).length,
      desiredNumberScheduled: nodes.length,
      numberAvailable: ready,
      numberMisscheduled: 0,
      numberReady: ready,
      observedGeneration: ds.metadata?.generation ?? 1,
      updatedNumberScheduled: live.length,
    };
    if (ready < nodes.length) status.numberUnavailable = nodes.length - ready;
    if (JSON.stringify(ds.status) !== JSON.stringify(status)) {
      this.#writeStatus("daemonsets", ds, status);
    }
    return changed;
  }

  /** Status writes go to the latest version: a scale step earlier in the pass may have changed it. */
  /** Requeues a rollout that may be stuck, to look for its progress deadline (requeueStuckDeployment). */
  #scheduleProgressCheck(d: Deployment, atMs: number | undefined): void {
    if (atMs === undefined) return;
    const key = `${d.metadata?.uid ?? ""}@${String(atMs)}`;
    if (this.#progressChecks.has(key)) return;
    this.#progressChecks.add(key);
    this.#ctx.timers.schedule(atMs, () => {
      this.#progressChecks.delete(key);
      this.#ctx.requestSync();
    });
  }

  #writeStatus(resource: string, object: KubeObject, status: unknown): void {
    const fresh = this.#ctx.store.read(
      resource,
      object.metadata?.namespace,
      object.metadata?.name ?? "",
    );
    if (fresh) this.#ctx.store.replace(resource, { ...fresh, status });
  }

  #targetNode(pod: Pod): string | undefined {
    return (
      pod.spec?.nodeName ??
      pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
        ?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0]
    );
  }
}
