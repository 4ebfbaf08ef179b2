/**
 * A JSON Schema of the objects the sandbox's kubectl knows (src/sandbox/kubectl/resources.ts), for
 * the editor's YAML validation, completion and hovers. The workloads the labs break (Pod,
 * Deployment, DaemonSet, ReplicaSet, StatefulSet, Job, CronJob) are checked field by field down
 * to their containers, with the field names of the Kubernetes API reference (v1.32), so a typo
 * such as `imagee:` or `replicas: three` is marked as the API server would refuse it ("unknown
 * field", "cannot unmarshal string into Go value of type int32"). Deeper structures (probes,
 * affinity, status) are objects without a closer look. An object as `kubectl edit` shows it
 * (status, uid, resourceVersion, managedFields) is valid too.
 */
import { apiVersionOf, RESOURCE_TYPES } from "../../sandbox/kubectl/resources.ts";

type Schema = Record<string, unknown>;

const object: Schema = { type: "object" };
const objects: Schema = { type: "array", items: object };
const strings: Schema = { type: "array", items: { type: "string" } };
const stringMap: Schema = { type: "object", additionalProperties: { type: "string" } };
const integer = (description?: string, minimum = 0): Schema => ({
  type: "integer",
  minimum,
  ...(description === undefined ? {} : { description }),
});

/** Only these fields, each with its schema: what the API server calls a strict decode. */
function strict(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { type: "object", required, properties, additionalProperties: false };
}

/** `100m`, `0.5`, `128Mi`, `1G`, `1e3`: resource.Quantity's syntax. */
const quantity: Schema = {
  anyOf: [
    { type: "number" },
    {
      type: "string",
      pattern: "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$",
    },
  ],
  description: "A quantity: 250m or 0.25 CPUs, 128Mi or 1Gi of memory.",
};

const metadata = strict({
  name: { type: "string", description: "Name of the object, unique in its namespace." },
  generateName: { type: "string" },
  namespace: { type: "string" },
  labels: stringMap,
  annotations: stringMap,
  uid: { type: "string" },
  resourceVersion: { type: "string" },
  generation: { type: "integer" },
  creationTimestamp: { type: ["string", "null"] },
  deletionTimestamp: { type: "string" },
  deletionGracePeriodSeconds: { type: "integer" },
  ownerReferences: objects,
  finalizers: strings,
  managedFields: objects,
  selfLink: { type: "string" },
});

const container = strict(
  {
    name: { type: "string", description: "Name of the container, a DNS label, unique in the pod." },
    image: { type: "string", description: "Container image name, for example nginx:1.27." },
    command: {
      ...strings,
      description: "Entrypoint array; replaces the image's ENTRYPOINT. Not run in a shell.",
    },
    args: { ...strings, description: "Arguments to the entrypoint; replace the image's CMD." },
    workingDir: { type: "string" },
    ports: {
      type: "array",
      items: strict(
        {
          name: { type: "string" },
          containerPort: integer("Port number on the pod's IP address.", 1),
          hostPort: integer(),
          hostIP: { type: "string" },
          protocol: { enum: ["TCP", "UDP", "SCTP"] },
        },
        ["containerPort"],
      ),
    },
    env: {
      type: "array",
      items: strict({ name: { type: "string" }, value: { type: "string" }, valueFrom: object }, [
        "name",
      ]),
    },
    envFrom: objects,
    resources: strict({
      limits: { type: "object", additionalProperties: quantity },
      requests: { type: "object", additionalProperties: quantity },
      claims: objects,
    }),
    resizePolicy: objects,
    restartPolicy: { enum: ["Always"] },
    volumeMounts: {
      type: "array",
      items: strict(
        {
          name: { type: "string" },
          mountPath: { type: "string" },
          subPath: { type: "string" },
          subPathExpr: { type: "string" },
          readOnly: { type: "boolean" },
          recursiveReadOnly: { type: "string" },
          mountPropagation: { type: "string" },
        },
        ["name", "mountPath"],
      ),
    },
    volumeDevices: objects,
    livenessProbe: object,
    readinessProbe: object,
    startupProbe: object,
    lifecycle: object,
    terminationMessagePath: { type: "string" },
    terminationMessagePolicy: { enum: ["File", "FallbackToLogsOnError"] },
    imagePullPolicy: { enum: ["Always", "IfNotPresent", "Never"] },
    securityContext: object,
    stdin: { type: "boolean" },
    stdinOnce: { type: "boolean" },
    tty: { type: "boolean" },
  },
  ["name", "image"],
);

const podSpec = strict(
  {
    containers: { type: "array", minItems: 1, items: container },
    initContainers: { type: "array", items: container },
    ephemeralContainers: objects,
    volumes: { type: "array", items: { type: "object", required: ["name"] } },
    restartPolicy: { enum: ["Always", "OnFailure", "Never"] },
    terminationGracePeriodSeconds: integer(),
    activeDeadlineSeconds: integer(undefined, 1),
    dnsPolicy: { enum: ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"] },
    dnsConfig: object,
    nodeSelector: stringMap,
    nodeName: { type: "string" },
    serviceAccountName: { type: "string" },
    serviceAccount: { type: "string" },
    automountServiceAccountToken: { type: "boolean" },
    hostNetwork: { type: "boolean" },
    hostPID: { type: "boolean" },
    hostIPC: { type: "boolean" },
    hostUsers: { type: "boolean" },
    shareProcessNamespace: { type: "boolean" },
    securityContext: object,
    imagePullSecrets: objects,
    hostname: { type: "string" },
    subdomain: { type: "string" },
    setHostnameAsFQDN: { type: "boolean" },
    hostAliases: objects,
    affinity: object,
    tolerations: objects,
    topologySpreadConstraints: objects,
    schedulerName: { type: "string" },
    schedulingGates: objects,
    priorityClassName: { type: "string" },
    priority: { type: "integer" },
    preemptionPolicy: { enum: ["PreemptLowerPriority", "Never"] },
    readinessGates: objects,
    runtimeClassName: { type: "string" },
    enableServiceLinks: { type: "boolean" },
    overhead: object,
    os: object,
    resourceClaims: objects,
  },
  ["containers"],
);

const template = strict({ metadata, spec: podSpec });
const selector = strict({ matchLabels: stringMap, matchExpressions: objects });
const replicas = integer("How many pods to keep running.");
const workloadCommon = {
  selector,
  template,
  minReadySeconds: integer(),
  revisionHistoryLimit: integer(),
};

const jobSpec = strict(
  {
    template,
    selector,
    manualSelector: { type: "boolean" },
    parallelism: integer(),
    completions: integer(),
    completionMode: { enum: ["NonIndexed", "Indexed"] },
    activeDeadlineSeconds: integer(undefined, 1),
    backoffLimit: integer("Retries before the Job is marked failed."),
    backoffLimitPerIndex: integer(),
    maxFailedIndexes: integer(),
    podFailurePolicy: object,
    podReplacementPolicy: { enum: ["TerminatingOrFailed", "Failed"] },
    successPolicy: object,
    ttlSecondsAfterFinished: integer(),
    suspend: { type: "boolean" },
    managedBy: { type: "string" },
  },
  ["template"],
);

/** The spec of each workload kind; other kinds are checked at the top level only. */
const specs: Readonly<Record<string, Schema>> = {
  Pod: podSpec,
  Deployment: strict(
    {
      ...workloadCommon,
      replicas,
      strategy: object,
      paused: { type: "boolean" },
      progressDeadlineSeconds: integer(),
    },
    ["selector", "template"],
  ),
  DaemonSet: strict({ ...workloadCommon, updateStrategy: object }, ["selector", "template"]),
  ReplicaSet: strict({ ...workloadCommon, replicas }, ["selector"]),
  StatefulSet: strict(
    {
      ...workloadCommon,
      replicas,
      serviceName: { type: "string" },
      podManagementPolicy: { enum: ["OrderedReady", "Parallel"] },
      updateStrategy: object,
      volumeClaimTemplates: objects,
      persistentVolumeClaimRetentionPolicy: object,
      ordinals: object,
    },
    ["selector", "template"],
  ),
  Job: jobSpec,
  CronJob: strict(
    {
      schedule: { type: "string", description: 'Cron syntax, for example "*/5 * * * *".' },
      timeZone: { type: "string" },
      startingDeadlineSeconds: integer(),
      concurrencyPolicy: { enum: ["Allow", "Forbid", "Replace"] },
      suspend: { type: "boolean" },
      jobTemplate: strict({ metadata, spec: jobSpec }),
      successfulJobsHistoryLimit: integer(),
      failedJobsHistoryLimit: integer(),
    },
    ["schedule", "jobTemplate"],
  ),
};

/** Top-level fields besides apiVersion, kind and metadata, by kind. */
function topLevel(kind: string): Record<string, Schema> {
  const spec = specs[kind];
  if (spec) return { spec, status: object };
  switch (kind) {
    case "ConfigMap":
      return { data: stringMap, binaryData: stringMap, immutable: { type: "boolean" } };
    case "Secret":
      return {
        data: stringMap,
        stringData: stringMap,
        type: { type: "string" },
        immutable: { type: "boolean" },
      };
    default:
      return { spec: object, status: object };
  }
}

const kinds = RESOURCE_TYPES.map((type) => type.kind);

export const kubernetesObjectSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "Kubernetes object (the kinds the sandbox knows)",
  type: "object",
  required: ["apiVersion", "kind"],
  properties: {
    apiVersion: { enum: [...new Set(RESOURCE_TYPES.map(apiVersionOf))] },
    kind: { enum: kinds },
  },
  allOf: RESOURCE_TYPES.map((type) => {
    const required = specs[type.kind] ? ["metadata", "spec"] : ["metadata"];
    return {
      if: { properties: { kind: { const: type.kind } }, required: ["kind"] },
      then: {
        ...strict(
          {
            apiVersion: { const: apiVersionOf(type) },
            kind: { const: type.kind },
            metadata,
            ...topLevel(type.kind),
          },
          required,
        ),
      },
    };
  }),
} as const;
