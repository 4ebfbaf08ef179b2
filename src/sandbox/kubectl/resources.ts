/**
 * The resource types kubectl knows from discovery: plural, singular, short names and kind, as the
 * API server lists them (`kubectl api-resources`), and how kubectl resolves what the user typed
 * (`po`, `pod`, `pods`, `Pod`, `deployments.apps`, `deploy/web`).
 */
import { KubectlError } from "./errors.ts";

export interface ResourceType {
  plural: string;
  singular: string;
  shortNames: readonly string[];
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  verbs: readonly string[];
  categories: readonly string[];
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
];

function type(
  plural: string,
  singular: string,
  kind: string,
  options: {
    short?: string[];
    group?: string;
    version?: string;
    namespaced?: boolean;
    all?: boolean;
  } = {},
): ResourceType {
  return {
    plural,
    singular,
    shortNames: options.short ?? [],
    kind,
    group: options.group ?? "",
    version: options.version ?? "v1",
    namespaced: options.namespaced ?? true,
    // kube-apiserver serves no deletecollection for namespaces.
    verbs: plural === "namespaces" ? ALL_VERBS.filter((v) => v !== "deletecollection") : ALL_VERBS,
    categories: options.all ? ["all"] : [],
  };
}

/** In the order `kubectl api-resources` prints them (core group first, then groups by name). */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  type("configmaps", "configmap", "ConfigMap", { short: ["cm"] }),
  type("endpoints", "endpoints", "Endpoints", { short: ["ep"] }),
  type("events", "event", "Event", { short: ["ev"] }),
  type("namespaces", "namespace", "Namespace", { short: ["ns"], namespaced: false }),
  type("nodes", "node", "Node", { short: ["no"], namespaced: false }),
  type("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", {
    short: ["pvc"],
  }),
  type("persistentvolumes", "persistentvolume", "PersistentVolume", {
    short: ["pv"],
    namespaced: false,
  }),
  type("pods", "pod", "Pod", { short: ["po"], all: true }),
  type("secrets", "secret", "Secret"),
  type("serviceaccounts", "serviceaccount", "ServiceAccount", { short: ["sa"] }),
  type("services", "service", "Service", { short: ["svc"], all: true }),
  type("daemonsets", "daemonset", "DaemonSet", { short: ["ds"], group: "apps", all: true }),
  type("deployments", "deployment", "Deployment", { short: ["deploy"], group: "apps", all: true }),
  type("replicasets", "replicaset", "ReplicaSet", { short: ["rs"], group: "apps", all: true }),
  type("statefulsets", "statefulset", "StatefulSet", { short: ["sts"], group: "apps", all: true }),
  type("cronjobs", "cronjob", "CronJob", { short: ["cj"], group: "batch", all: true }),
  type("jobs", "job", "Job", { group: "batch", all: true }),
  type("leases", "lease", "Lease", { group: "coordination.k8s.io" }),
  type("poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", {
    short: ["pdb"],
    group: "policy",
  }),
];

/** `kubectl get all` lists these, in this order. */
export const ALL_CATEGORY: readonly string[] = [
  "pods",
  "services",
  "daemonsets",
  "deployments",
  "replicasets",
  "statefulsets",
  "cronjobs",
  "jobs",
];

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** How kubectl names an object's type in `-o name` and `get all`: `pod`, `deployment.apps`. */
export function qualifiedKind(type: ResourceType): string {
  const kind = type.kind.toLowerCase();
  return type.group ? `${kind}.${type.group}` : kind;
}

export function resourceTypeByPlural(plural: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.plural === plural);
}

export function resourceTypeByKind(kind: string, apiVersion?: string): ResourceType | undefined {
  const group = apiVersion?.includes("/") ? apiVersion.split("/")[0] : "";
  return RESOURCE_TYPES.find(
    (t) => t.kind === kind && (apiVersion === undefined || t.group === group),
  );
}

/** Resolves a user's word (any case of plural, singular, short name or kind, optionally `.group`). */
export function resolveResourceType(word: string): ResourceType {
  const lower = word.toLowerCase();
  const [name = "", ...groupParts] = lower.split(".");
  let group = groupParts.join(".");
  if (/^v\d/.test(group)) group = group.split(".").slice(1).join(".");
  const found = RESOURCE_TYPES.find(
    (t) =>
      (t.plural === name ||
        t.singular === name ||
        t.shortNames.includes(name) ||
        t.kind.toLowerCase() === name) &&
      (groupParts.length === 0 || t.group === group),
  );
  if (!found) throw new KubectlError(`error: the server doesn't have a resource type "${word}"`);
  return found;
}
