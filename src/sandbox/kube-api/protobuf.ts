/**
 * Decoding of the Kubernetes protobuf request bodies that kubectl >= 1.32 sends for typed-client
 * writes (`debug`, `create deployment|configmap|secret|namespace|job|serviceaccount|service`, the
 * DeleteOptions of drain's fallback delete). There is no JSON retry after a 415, so the facade must
 * read them.
 *
 * The envelope is the magic bytes "k8s\0" then a runtime.Unknown{typeMeta, raw}; raw is the typed
 * message. Only the messages and fields kubectl fills are declared here (field numbers as published
 * in k8s.io/api and k8s.io/apimachinery); unknown fields are skipped by the decoder.
 */
import protobuf from "protobufjs/light.js";
import { ApiError } from "./status.ts";

/**
 * Message declarations, one line each: `field=number:type`, `*` before the type for repeated,
 * `map<type>` for map<string, type>. Scalar types: string (the default), bool, int32, int64, bytes.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  Unknown: "typeMeta=1:UnknownTypeMeta raw=2:bytes contentEncoding=3 contentType=4",
  UnknownTypeMeta: "apiVersion=1 kind=2",
  Time: "seconds=1:int64 nanos=2:int32",
  IntOrString: "type=1:int64 intVal=2:int32 strVal=3",
  Quantity: "string=1",
  ObjectMeta:
    "name=1 generateName=2 namespace=3 uid=5 resourceVersion=6 generation=7:int64 creationTimestamp=8:Time " +
    "deletionTimestamp=9:Time deletionGracePeriodSeconds=10:int64 labels=11:map<string> annotations=12:map<string> " +
    "ownerReferences=13:*OwnerReference finalizers=14:*string",
  OwnerReference: "kind=1 name=3 uid=4 apiVersion=5 controller=6:bool blockOwnerDeletion=7:bool",
  LabelSelector: "matchLabels=1:map<string> matchExpressions=2:*LabelSelectorRequirement",
  LabelSelectorRequirement: "key=1 operator=2 values=3:*string",
  DeleteOptions:
    "gracePeriodSeconds=1:int64 preconditions=2:Preconditions orphanDependents=3:bool propagationPolicy=4 dryRun=5:*string",
  Preconditions: "uid=1 resourceVersion=2",
  Pod: "metadata=1:ObjectMeta spec=2:PodSpec status=3:PodStatus",
  PodStatus: "phase=1",
  PodSpec:
    "volumes=1:*Volume containers=2:*Container restartPolicy=3 terminationGracePeriodSeconds=4:int64 " +
    "activeDeadlineSeconds=5:int64 dnsPolicy=6 nodeSelector=7:map<string> serviceAccountName=8 serviceAccount=9 " +
    "nodeName=10 hostNetwork=11:bool hostPID=12:bool hostIPC=13:bool securityContext=14:PodSecurityContext " +
    "imagePullSecrets=15:*LocalObjectReference hostname=16 subdomain=17 schedulerName=19 initContainers=20:*Container " +
    "automountServiceAccountToken=21:bool tolerations=22:*Toleration priorityClassName=24 priority=25:int32 " +
    "shareProcessNamespace=27:bool enableServiceLinks=30:bool preemptionPolicy=31 ephemeralContainers=34:*EphemeralContainer",
  Container:
    "name=1 image=2 command=3:*string args=4:*string workingDir=5 ports=6:*ContainerPort env=7:*EnvVar " +
    "resources=8:ResourceRequirements volumeMounts=9:*VolumeMount terminationMessagePath=13 imagePullPolicy=14 " +
    "securityContext=15:SecurityContext stdin=16:bool stdinOnce=17:bool tty=18:bool terminationMessagePolicy=20",
  // EphemeralContainerCommon has Container's field numbers; Go embeds it with json:",inline".
  EphemeralContainer: "ephemeralContainerCommon=1:Container targetContainerName=2",
  ContainerPort: "name=1 hostPort=2:int32 containerPort=3:int32 protocol=4 hostIP=5",
  EnvVar: "name=1 value=2",
  ResourceRequirements: "limits=1:map<Quantity> requests=2:map<Quantity>",
  VolumeMount: "name=1 readOnly=2:bool mountPath=3 subPath=4",
  Volume: "name=1 volumeSource=2:VolumeSource",
  VolumeSource:
    "hostPath=1:HostPathVolumeSource emptyDir=2:EmptyDirVolumeSource secret=6:SecretVolumeSource configMap=19:ConfigMapVolumeSource",
  HostPathVolumeSource: "path=1 type=2",
  EmptyDirVolumeSource: "medium=1 sizeLimit=2:Quantity",
  SecretVolumeSource: "secretName=1 defaultMode=3:int32 optional=4:bool",
  ConfigMapVolumeSource:
    "localObjectReference=1:LocalObjectReference defaultMode=3:int32 optional=4:bool",
  LocalObjectReference: "name=1",
  Toleration: "key=1 operator=2 value=3 effect=4 tolerationSeconds=5:int64",
  SecurityContext:
    "capabilities=1:Capabilities privileged=2:bool runAsUser=4:int64 runAsNonRoot=5:bool " +
    "readOnlyRootFilesystem=6:bool allowPrivilegeEscalation=7:bool runAsGroup=8:int64",
  Capabilities: "add=1:*string drop=2:*string",
  PodSecurityContext: "runAsUser=2:int64 runAsNonRoot=3:bool fsGroup=5:int64 runAsGroup=6:int64",
  PodTemplateSpec: "metadata=1:ObjectMeta spec=2:PodSpec",
  Namespace: "metadata=1:ObjectMeta spec=2:NamespaceSpec",
  NamespaceSpec: "finalizers=1:*string",
  ConfigMap: "metadata=1:ObjectMeta data=2:map<string> binaryData=3:map<bytes> immutable=4:bool",
  Secret:
    "metadata=1:ObjectMeta data=2:map<bytes> type=3 stringData=4:map<string> immutable=5:bool",
  ServiceAccount: "metadata=1:ObjectMeta automountServiceAccountToken=4:bool",
  Service: "metadata=1:ObjectMeta spec=2:ServiceSpec",
  ServiceSpec:
    "ports=1:*ServicePort selector=2:map<string> clusterIP=3 type=4 sessionAffinity=7 externalName=10 clusterIPs=18:*string",
  ServicePort: "name=1 protocol=2 port=3:int32 targetPort=4:IntOrString nodePort=5:int32",
  Deployment: "metadata=1:ObjectMeta spec=2:DeploymentSpec",
  DeploymentSpec:
    "replicas=1:int32 selector=2:LabelSelector template=3:PodTemplateSpec strategy=4:DeploymentStrategy " +
    "minReadySeconds=5:int32 revisionHistoryLimit=6:int32 paused=7:bool progressDeadlineSeconds=9:int32",
  DeploymentStrategy: "type=1",
  Job: "metadata=1:ObjectMeta spec=2:JobSpec",
  JobSpec:
    "parallelism=1:int32 completions=2:int32 activeDeadlineSeconds=3:int64 selector=4:LabelSelector manualSelector=5:bool " +
    "template=6:PodTemplateSpec backoffLimit=7:int32 ttlSecondsAfterFinished=8:int32 completionMode=9 suspend=10:bool",
  CronJob: "metadata=1:ObjectMeta spec=2:CronJobSpec",
  CronJobSpec:
    "schedule=1 startingDeadlineSeconds=2:int64 concurrencyPolicy=3 suspend=4:bool jobTemplate=5:JobTemplateSpec " +
    "successfulJobsHistoryLimit=6:int32 failedJobsHistoryLimit=7:int32",
  JobTemplateSpec: "metadata=1:ObjectMeta spec=2:JobSpec",
  Eviction: "metadata=1:ObjectMeta deleteOptions=2:DeleteOptions",
};

/** Go structs embedded with json:",inline": their fields belong to the parent in JSON. */
const INLINE_FIELDS: ReadonlySet<string> = new Set([
  "volumeSource",
  "ephemeralContainerCommon",
  "localObjectReference",
]);

/**
 * Numbers where 0 is meaningful. gogo-protobuf writes every non-pointer field, even when zero,
 * where Go's JSON would omit it; the other zeros, empty strings and false are dropped.
 */
const MEANINGFUL_ZEROS: ReadonlySet<string> = new Set([
  "replicas",
  "terminationGracePeriodSeconds",
  "gracePeriodSeconds",
  "priority",
  "backoffLimit",
  "parallelism",
  "completions",
]);

const SCALARS = new Set(["string", "bool", "int32", "int64", "bytes"]);

function buildRoot(): protobuf.Root {
  const root = new protobuf.Root();
  for (const [name, spec] of Object.entries(MESSAGES)) {
    const type = new protobuf.Type(name);
    for (const token of spec.split(" ").filter(Boolean)) {
      const [field = "", rest = ""] = token.split("=");
      const [id = "0", rawType = "string"] = rest.split(":");
      const repeated = rawType.startsWith("*");
      const typeName = repeated ? rawType.slice(1) : rawType;
      const map = /^map<(\w+)>$/.exec(typeName);
      if (map) type.add(new protobuf.MapField(field, Number(id), "string", map[1] ?? "string"));
      else
        type.add(
          new protobuf.Field(field, Number(id), typeName, repeated ? "repeated" : "optional"),
        );
    }
    root.add(type);
  }
  root.resolveAll();
  return root;
}

let rootCache: protobuf.Root | undefined;
function root(): protobuf.Root {
  rootCache ??= buildRoot();
  return rootCache;
}

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

export function isKubernetesProtobuf(contentType: string): boolean {
  return contentType.split(";")[0]?.trim() === "application/vnd.kubernetes.protobuf";
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** meta/v1 Time; gogo writes Go's zero time as {seconds: 0}, which JSON would show as null (omitted here). */
function timeToJson(value: Record<string, unknown>): string | undefined {
  const seconds = Number(value["seconds"] ?? 0);
  if (seconds === 0) return undefined;
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

function scalarToJson(field: string, type: string, raw: unknown): unknown {
  let value = raw;
  if (type === "bytes") return base64(value as Uint8Array);
  if (type === "int64") value = typeof value === "number" ? value : Number(String(value));
  if (
    SCALARS.has(type) &&
    !MEANINGFUL_ZEROS.has(field) &&
    (value === "" || value === false || value === 0)
  )
    return undefined;
  return value;
}

function valueToJson(field: string, type: string, value: unknown): unknown {
  if (SCALARS.has(type)) return scalarToJson(field, type, value);
  const message = value as Record<string, unknown>;
  if (type === "Time") return timeToJson(message);
  if (type === "Quantity") return message["string"] ?? "";
  if (type === "IntOrString")
    return Number(message["type"] ?? 0) === 1
      ? (message["strVal"] ?? "")
      : (message["intVal"] ?? 0);
  return messageToJson(root().lookupType(type), message);
}

function messageToJson(
  type: protobuf.Type,
  message: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    if (!Object.prototype.hasOwnProperty.call(message, field.name)) continue;
    const value = message[field.name];
    let converted: unknown;
    if (field instanceof protobuf.MapField) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0) continue;
      converted = Object.fromEntries(
        entries.map(([k, v]) => [k, valueToJson(field.name, field.type, v) ?? ""]),
      );
    } else if (field.repeated) {
      const items = value as unknown[];
      if (items.length === 0) continue;
      converted = items.map(
        (item) => valueToJson(field.name, field.type, item) ?? (field.type === "string" ? "" : 0),
      );
    } else converted = valueToJson(field.name, field.type, value);
    if (converted === undefined) continue;
    if (INLINE_FIELDS.has(field.name) && converted !== null && typeof converted === "object")
      Object.assign(out, converted);
    else out[field.name] = converted;
  }
  return out;
}

/** Decodes a "k8s\0"-prefixed protobuf body into the JSON object it stands for. */
export function decodeKubernetesProtobuf(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4 || MAGIC.some((byte, i) => body[i] !== byte)) {
    throw new ApiError("BadRequest", "provided protobuf data does not match the expected prefix");
  }
  const unknown = root().lookupType("Unknown").decode(body.subarray(4)) as unknown as Record<
    string,
    unknown
  >;
  const typeMeta = (unknown["typeMeta"] ?? {}) as { kind?: string; apiVersion?: string };
  const kind = typeMeta.kind ?? "";
  const apiVersion = typeMeta.apiVersion ?? "";
  const messageType = MESSAGES[kind] && kind !== "Unknown" ? root().lookupType(kind) : undefined;
  if (!messageType) {
    throw new ApiError(
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (kind ${kind})`,
    );
  }
  const raw = (unknown["raw"] as Uint8Array | undefined) ?? new Uint8Array();
  const message = messageType.decode(raw) as unknown as Record<string, unknown>;
  return { apiVersion, kind, ...messageToJson(messageType, message) };
}
