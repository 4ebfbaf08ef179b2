/**
 * `-o json` of an object kubectl built itself (`run`, `create ... --dry-run=client`): Go's
 * encoding/json writes a typed object's fields in struct order, not sorted as for the unstructured
 * objects `get` prints. The orders of the fields these commands set, from k8s.io/api's types.go;
 * maps (labels, data) stay sorted.
 */

const STRUCT_ORDER: Record<string, readonly string[]> = {
  object: ["kind", "apiVersion", "metadata", "spec", "data", "type", "status"],
  metadata: [
    "name",
    "generateName",
    "namespace",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "labels",
    "annotations",
  ],
  podSpec: [
    "volumes",
    "initContainers",
    "containers",
    "restartPolicy",
    "terminationGracePeriodSeconds",
    "dnsPolicy",
    "nodeSelector",
    "serviceAccountName",
    "nodeName",
    "hostNetwork",
    "securityContext",
    "tolerations",
  ],
  container: [
    "name",
    "image",
    "command",
    "args",
    "workingDir",
    "ports",
    "envFrom",
    "env",
    "resources",
    "volumeMounts",
    "imagePullPolicy",
    "securityContext",
    "stdin",
    "stdinOnce",
    "tty",
  ],
  deploymentSpec: ["replicas", "selector", "template", "strategy"],
};

const MAPS = new Set([
  "labels",
  "annotations",
  "data",
  "nodeSelector",
  "matchLabels",
  "limits",
  "requests",
]);

function ordered(value: unknown, order: readonly string[] | undefined, key: string): unknown {
  if (Array.isArray(value))
    return value.map((item) =>
      ordered(
        item,
        key === "containers" || key === "initContainers" ? STRUCT_ORDER["container"] : undefined,
        "",
      ),
    );
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const sorted =
    MAPS.has(key) || order === undefined
      ? [...keys].sort()
      : [
          ...order.filter((k) => keys.includes(k)),
          ...keys.filter((k) => !order.includes(k)).sort(),
        ];
  return Object.fromEntries(sorted.map((k) => [k, ordered(record[k], childOrder(key, k), k)]));
}

function childOrder(parent: string, key: string): readonly string[] | undefined {
  if (key === "metadata") return STRUCT_ORDER["metadata"];
  if (key === "spec") return parent === "template" ? STRUCT_ORDER["podSpec"] : undefined;
  return undefined;
}

/** The object with its keys in Go's struct order (`kind` of Pod, Deployment, ...), for toJson(x, false). */
export function inStructOrder(object: object): Record<string, unknown> {
  const kind = (object as { kind?: unknown }).kind;
  const top = ordered(object, STRUCT_ORDER["object"], "") as Record<string, unknown>;
  const spec = top["spec"];
  if (spec === undefined) return top;
  const specOrder = kind === "Pod" ? STRUCT_ORDER["podSpec"] : STRUCT_ORDER["deploymentSpec"];
  return { ...top, spec: ordered(spec, specOrder, "spec") };
}
