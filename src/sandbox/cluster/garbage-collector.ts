/**
 * The garbage collector's background cascading deletion, the default of `kubectl delete` and of
 * the API: once every owner of an object is gone, the object goes too. Deleting a Deployment
 * removes its ReplicaSets, and they their pods (gracefully, like any pod deletion).
 */
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { EngineContext } from "./context.ts";
import type { KubeObject } from "./store.ts";

/** Kinds whose dependents the sandbox models; other owners (a Node for mirror pods) are kept. */
const OWNER_RESOURCES: Readonly<Record<string, string>> = {
  Deployment: "deployments",
  ReplicaSet: "replicasets",
  DaemonSet: "daemonsets",
};

function isOrphan(object: KubeObject, liveUids: ReadonlySet<string>): boolean {
  const owners = (object.metadata?.ownerReferences ?? []).filter(
    (ref) => OWNER_RESOURCES[ref.kind] !== undefined,
  );
  return owners.length > 0 && owners.every((ref) => !liveUids.has(ref.uid));
}

/** One pass; returns true when it deleted anything. */
export function collectGarbage(ctx: EngineContext): boolean {
  const liveUids = new Set<string>();
  for (const resource of Object.values(OWNER_RESOURCES)) {
    for (const owner of ctx.store.readList(resource)) {
      const uid = owner.metadata?.uid;
      if (uid !== undefined) liveUids.add(uid);
    }
  }
  let changed = false;
  for (const rs of ctx.store.readList("replicasets")) {
    if (!isOrphan(rs, liveUids)) continue;
    ctx.store.delete("replicasets", rs.metadata?.namespace, rs.metadata?.name ?? "");
    changed = true;
  }
  for (const pod of ctx.store.readList<Pod>("pods")) {
    if (pod.metadata?.deletionTimestamp !== undefined || !isOrphan(pod, liveUids)) continue;
    ctx.deletePod(pod.metadata?.namespace ?? "default", pod.metadata?.name ?? "", undefined, false);
    changed = true;
  }
  return changed;
}
