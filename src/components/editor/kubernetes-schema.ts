/**
 * A JSON Schema of the objects the sandbox's `kubectl apply` works with (Deployment, DaemonSet,
 * Pod and the fields of their pod templates that the labs' faults turn on), for the editor's YAML
 * validation and completion. Field names and descriptions follow the Kubernetes API reference.
 */
const quantity = { type: ["string", "number"], description: "A quantity: 100m, 128Mi, 1" };

const container = {
  type: "object",
  required: ["name", "image"],
  properties: {
    name: { type: "string", description: "Name of the container, a DNS label, unique in the pod." },
    image: { type: "string", description: "Container image name, for example nginx:1.27." },
    command: {
      type: "array",
      items: { type: "string" },
      description: "Entrypoint array; replaces the image's ENTRYPOINT. Not run in a shell.",
    },
    args: {
      type: "array",
      items: { type: "string" },
      description: "Arguments to the entrypoint; replace the image's CMD.",
    },
    workingDir: { type: "string" },
    env: {
      type: "array",
      items: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string" }, value: { type: "string" } },
      },
    },
    imagePullPolicy: { enum: ["Always", "IfNotPresent", "Never"] },
    resources: {
      type: "object",
      properties: {
        limits: { type: "object", additionalProperties: quantity },
        requests: { type: "object", additionalProperties: quantity },
      },
    },
    volumeMounts: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "mountPath"],
        properties: {
          name: { type: "string" },
          mountPath: { type: "string" },
          readOnly: { type: "boolean" },
        },
      },
    },
    terminationMessagePolicy: { enum: ["File", "FallbackToLogsOnError"] },
  },
};

const podSpec = {
  type: "object",
  required: ["containers"],
  properties: {
    containers: { type: "array", minItems: 1, items: container },
    initContainers: { type: "array", items: container },
    restartPolicy: { enum: ["Always", "OnFailure", "Never"] },
    nodeName: { type: "string" },
    nodeSelector: { type: "object", additionalProperties: { type: "string" } },
    tolerations: { type: "array", items: { type: "object" } },
    volumes: { type: "array", items: { type: "object", required: ["name"] } },
    terminationGracePeriodSeconds: { type: "integer", minimum: 0 },
  },
};

const metadata = {
  type: "object",
  properties: {
    name: { type: "string" },
    namespace: { type: "string" },
    labels: { type: "object", additionalProperties: { type: "string" } },
    annotations: { type: "object", additionalProperties: { type: "string" } },
  },
};

const template = {
  type: "object",
  required: ["spec"],
  properties: { metadata, spec: podSpec },
};

const selector = {
  type: "object",
  properties: { matchLabels: { type: "object", additionalProperties: { type: "string" } } },
};

function workload(kind: string, apiVersion: string, spec: object): object {
  return {
    if: { properties: { kind: { const: kind } }, required: ["kind"] },
    then: {
      required: ["apiVersion", "metadata", "spec"],
      properties: { apiVersion: { const: apiVersion }, spec },
    },
  };
}

export const kubernetesObjectSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "Kubernetes object (as the sandbox supports them)",
  type: "object",
  required: ["apiVersion", "kind"],
  properties: {
    apiVersion: { enum: ["v1", "apps/v1"] },
    kind: { enum: ["Pod", "Deployment", "DaemonSet", "ReplicaSet"] },
    metadata,
  },
  allOf: [
    workload("Pod", "v1", podSpec),
    workload("Deployment", "apps/v1", {
      type: "object",
      required: ["selector", "template"],
      properties: { replicas: { type: "integer", minimum: 0 }, selector, template },
    }),
    workload("DaemonSet", "apps/v1", {
      type: "object",
      required: ["selector", "template"],
      properties: { selector, template },
    }),
    workload("ReplicaSet", "apps/v1", {
      type: "object",
      required: ["selector", "template"],
      properties: { replicas: { type: "integer", minimum: 0 }, selector, template },
    }),
  ],
} as const;
