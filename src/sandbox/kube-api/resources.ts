/**
 * The resource types the facade serves, with the discovery facts a real kube-apiserver publishes
 * for them (names, kinds, short names, verbs, categories, subresources; from `kubectl
 * api-resources` on Kubernetes 1.32). kubectl resolves `po`, `deploy`, `all` from these.
 */

export interface Subresource {
  name: string;
  group: string;
  version: string;
  kind: string;
  verbs: readonly string[];
}

export interface ResourceType {
  group: string;
  version: string;
  /** The plural, which is also the object store's key. */
  name: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: readonly string[];
  shortNames: readonly string[];
  categories: readonly string[];
  subresources: readonly Subresource[];
}

const ALL_VERBS = [
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch",
] as const;
const NAMESPACE_VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"] as const;

function sub(
  name: string,
  kind: string,
  verbs: readonly string[],
  group = "",
  version = "v1",
): Subresource {
  return { name, group, version, kind, verbs };
}

const STATUS = (kind: string): Subresource => sub("status", kind, ["get", "patch", "update"]);
const SCALE = sub("scale", "Scale", ["get", "patch", "update"], "autoscaling");

function type(
  group: string,
  name: string,
  kind: string,
  namespaced: boolean,
  extra: {
    shortNames?: string[];
    categories?: string[];
    subresources?: Subresource[];
    verbs?: readonly string[];
  } = {},
): ResourceType {
  return {
    group,
    version: "v1",
    name,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    verbs: extra.verbs ?? ALL_VERBS,
    shortNames: extra.shortNames ?? [],
    categories: extra.categories ?? [],
    subresources: extra.subresources ?? [],
  };
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  type("", "configmaps", "ConfigMap", true, { shortNames: ["cm"] }),
  type("", "endpoints", "Endpoints", true, { shortNames: ["ep"] }),
  type("", "events", "Event", true, { shortNames: ["ev"] }),
  type("", "namespaces", "Namespace", false, {
    shortNames: ["ns"],
    verbs: NAMESPACE_VERBS,
    subresources: [sub("finalize", "Namespace", ["update"]), STATUS("Namespace")],
  }),
  type("", "nodes", "Node", false, {
    shortNames: ["no"],
    subresources: [
      sub("proxy", "NodeProxyOptions", ["create", "delete", "get", "patch", "update"]),
      STATUS("Node"),
    ],
  }),
  type("", "persistentvolumeclaims", "PersistentVolumeClaim", true, {
    shortNames: ["pvc"],
    subresources: [STATUS("PersistentVolumeClaim")],
  }),
  type("", "persistentvolumes", "PersistentVolume", false, {
    shortNames: ["pv"],
    subresources: [STATUS("PersistentVolume")],
  }),
  type("", "pods", "Pod", true, {
    shortNames: ["po"],
    categories: ["all"],
    subresources: [
      sub("attach", "PodAttachOptions", ["create", "get"]),
      sub("binding", "Binding", ["create"]),
      sub("ephemeralcontainers", "Pod", ["get", "patch", "update"]),
      sub("eviction", "Eviction", ["create"], "policy"),
      sub("exec", "PodExecOptions", ["create", "get"]),
      sub("log", "Pod", ["get"]),
      sub("portforward", "PodPortForwardOptions", ["create", "get"]),
      sub("proxy", "PodProxyOptions", ["create", "delete", "get", "patch", "update"]),
      STATUS("Pod"),
    ],
  }),
  type("", "secrets", "Secret", true),
  type("", "serviceaccounts", "ServiceAccount", true, { shortNames: ["sa"] }),
  type("", "services", "Service", true, {
    shortNames: ["svc"],
    categories: ["all"],
    subresources: [STATUS("Service")],
  }),
  type("apps", "daemonsets", "DaemonSet", true, {
    shortNames: ["ds"],
    categories: ["all"],
    subresources: [STATUS("DaemonSet")],
  }),
  type("apps", "deployments", "Deployment", true, {
    shortNames: ["deploy"],
    categories: ["all"],
    subresources: [SCALE, STATUS("Deployment")],
  }),
  type("apps", "replicasets", "ReplicaSet", true, {
    shortNames: ["rs"],
    categories: ["all"],
    subresources: [SCALE, STATUS("ReplicaSet")],
  }),
  type("apps", "statefulsets", "StatefulSet", true, {
    shortNames: ["sts"],
    categories: ["all"],
    subresources: [SCALE, STATUS("StatefulSet")],
  }),
  type("batch", "cronjobs", "CronJob", true, {
    shortNames: ["cj"],
    categories: ["all"],
    subresources: [STATUS("CronJob")],
  }),
  type("batch", "jobs", "Job", true, { categories: ["all"], subresources: [STATUS("Job")] }),
  // policy/v1 must list a resource of its own: a group-version with an empty list makes kubectl
  // report "received empty response for: policy/v1" and never cache discovery.
  type("policy", "poddisruptionbudgets", "PodDisruptionBudget", true, {
    shortNames: ["pdb"],
    subresources: [STATUS("PodDisruptionBudget")],
  }),
  type("coordination.k8s.io", "leases", "Lease", true),
];

export function groupVersion(type: ResourceType): string {
  return type.group === "" ? type.version : `${type.group}/${type.version}`;
}

/** The API groups in the order the API server lists them (the core group first). */
export function apiGroups(): string[] {
  const groups: string[] = [];
  for (const t of RESOURCE_TYPES)
    if (t.group !== "" && !groups.includes(t.group)) groups.push(t.group);
  return groups;
}

export function findResourceType(
  group: string,
  version: string,
  name: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.name === name);
}
