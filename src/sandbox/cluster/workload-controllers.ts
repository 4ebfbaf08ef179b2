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
import type { KubeObject, Writable } from "./store.ts";
import { rfc3339 } from "./time-format.ts";

const HASH_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

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

  #deployment(d: Deployment): boolean {
    const { store, events } = this.#ctx;
    const namespace = d.metadata?.namespace ?? "default";
    const template = d.spec?.template ?? {};
    const hash = templateHash(template);
    const rsName = `${d.metadata?.name ?? ""}-${hash}`;
    const desired = d.spec?.replicas ?? 1;
    let changed = false;
    const owned = this.#ownedBy<ReplicaSet>("replicasets", namespace, d);
    const current = owned.find((rs) => rs.metadata?.name === rsName);
    const deploymentRef = { ...d, apiVersion: "apps/v1", kind: "Deployment" };
    if (!current) {
      const labels = { ...template.metadata?.labels, "pod-template-hash": hash };
      const rs: ReplicaSet = {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: {
          name: rsName,
          namespace,
          labels,
          annotations: {
            "deployment.kubernetes.io/desired-replicas": String(desired),
            "deployment.kubernetes.io/max-replicas": String(desired + Math.ceil(desired / 4)),
            "deployment.kubernetes.io/revision": String(owned.length + 1),
          },
          ownerReferences: [ownerRef(deploymentRef)],
          generation: 1,
        },
        spec: {
          replicas: desired,
          selector: { matchLabels: { ...d.spec?.selector.matchLabels, "pod-template-hash": hash } },
          template: { ...template, metadata: { ...template.metadata, labels } },
        },
      };
      store.create("replicasets", rs);
      events.record(
        deploymentRef,
        "Normal",
        "ScalingReplicaSet",
        `Scaled up replica set ${rsName} from 0 to ${desired}`,
        { component: "deployment-controller" },
      );
      changed = true;
    } else if ((current.spec?.replicas ?? 0) !== desired) {
      const from = current.spec?.replicas ?? 0;
      store.mutate<Writable<ReplicaSet>>("replicasets", namespace, rsName, (rs) => {
        rs.spec = { ...rs.spec, selector: rs.spec?.selector ?? {}, replicas: desired };
        rs.metadata = { ...rs.metadata, generation: (rs.metadata?.generation ?? 1) + 1 };
      });
      events.record(
        deploymentRef,
        "Normal",
        "ScalingReplicaSet",
        `Scaled ${desired > from ? "up" : "down"} replica set ${rsName} from ${from} to ${desired}`,
        { component: "deployment-controller" },
      );
      changed = true;
    }
    for (const old of owned) {
      if (old.metadata?.name === rsName || (old.spec?.replicas ?? 0) === 0) continue;
      const from = old.spec?.replicas ?? 0;
      store.mutate<Writable<ReplicaSet>>(
        "replicasets",
        namespace,
        old.metadata?.name ?? "",
        (rs) => {
          rs.spec = { ...rs.spec, selector: rs.spec?.selector ?? {}, replicas: 0 };
        },
      );
      events.record(
        deploymentRef,
        "Normal",
        "ScalingReplicaSet",
        `Scaled down replica set ${old.metadata?.name ?? ""} from ${from} to 0`,
        { component: "deployment-controller" },
      );
      changed = true;
    }
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
      created: !current,
      available: ready >= desired,
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
    return changed;
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
      const excess = [...pods]
        .sort(
          (a, b) =>
            (b.metadata?.creationTimestamp ?? "").localeCompare(
              a.metadata?.creationTimestamp ?? "",
            ) || (b.metadata?.name ?? "").localeCompare(a.metadata?.name ?? ""),
        )
        .slice(0, pods.length - desired);
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
