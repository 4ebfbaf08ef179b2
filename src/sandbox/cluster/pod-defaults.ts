/**
 * What the API server's defaulting and admission add to a pod on create (compare any
 * `kubectl get pod -o yaml`): the service account token volume, default tolerations, scheduling
 * and termination defaults, and the QoS class.
 */
import type { Container, Pod, Toleration, Volume } from "kubernetes-types/core/v1.d.ts";
import type { SeededRandom } from "./random.ts";

const DEFAULT_TOLERATIONS: readonly Toleration[] = [
  {
    effect: "NoExecute",
    key: "node.kubernetes.io/not-ready",
    operator: "Exists",
    tolerationSeconds: 300,
  },
  {
    effect: "NoExecute",
    key: "node.kubernetes.io/unreachable",
    operator: "Exists",
    tolerationSeconds: 300,
  },
];

/** IfNotPresent for a tagged image, Always for `:latest` or no tag. */
function pullPolicy(container: { image?: string; imagePullPolicy?: string }): string {
  if (container.imagePullPolicy !== undefined) return container.imagePullPolicy;
  const tag = /:([^/:]+)$/.exec(container.image ?? "")?.[1];
  return tag === undefined || tag === "latest" ? "Always" : "IfNotPresent";
}

function defaultContainer(container: Container, tokenVolume: string): Container {
  const out: Container = {
    ...container,
    imagePullPolicy: pullPolicy(container),
    resources: container.resources ?? {},
    terminationMessagePath: container.terminationMessagePath ?? "/dev/termination-log",
    terminationMessagePolicy: container.terminationMessagePolicy ?? "File",
    volumeMounts: [
      ...(container.volumeMounts ?? []),
      {
        mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
        name: tokenVolume,
        readOnly: true,
      },
    ],
  };
  if (out.ports) out.ports = out.ports.map((p) => ({ ...p, protocol: p.protocol ?? "TCP" }));
  return out;
}

/**
 * The API server defaults the containers added through the ephemeralcontainers subresource as
 * any container (pull policy from the tag, termination message path and policy), without the
 * service account token mount, which admission adds to containers on create only.
 */
export function withEphemeralDefaults(pod: Pod): Pod {
  const ephemeral = pod.spec?.ephemeralContainers;
  if (!pod.spec || !ephemeral) return pod;
  return {
    ...pod,
    spec: {
      ...pod.spec,
      ephemeralContainers: ephemeral.map((container) => ({
        ...container,
        imagePullPolicy: pullPolicy(container),
        terminationMessagePath: container.terminationMessagePath ?? "/dev/termination-log",
        terminationMessagePolicy: container.terminationMessagePolicy ?? "File",
      })),
    },
  };
}

/** SetDefaults_SecretVolumeSource and _ConfigMapVolumeSource: files are 0644 unless told. */
function defaultVolume(volume: Volume): Volume {
  if (volume.secret)
    return {
      ...volume,
      secret: { ...volume.secret, defaultMode: volume.secret.defaultMode ?? 420 },
    };
  if (volume.configMap)
    return {
      ...volume,
      configMap: { ...volume.configMap, defaultMode: volume.configMap.defaultMode ?? 420 },
    };
  return volume;
}

export function qosClass(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const anySet = containers.some(
    (c) =>
      Object.keys(c.resources?.requests ?? {}).length > 0 ||
      Object.keys(c.resources?.limits ?? {}).length > 0,
  );
  if (!anySet) return "BestEffort";
  const guaranteed = containers.every((c) => {
    const limits = c.resources?.limits ?? {};
    const requests = c.resources?.requests ?? limits;
    return ["cpu", "memory"].every(
      (r) => limits[r] !== undefined && (requests[r] ?? limits[r]) === limits[r],
    );
  });
  return guaranteed ? "Guaranteed" : "Burstable";
}

export function applyPodDefaults(input: Pod, random: SeededRandom): Pod {
  const pod = structuredClone(input);
  pod.apiVersion = "v1";
  pod.kind = "Pod";
  const spec = pod.spec ?? { containers: [] };
  const tokenVolume = `kube-api-access-${random.suffix(5)}`;
  const tolerations = [...(spec.tolerations ?? [])];
  for (const t of DEFAULT_TOLERATIONS)
    if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect))
      tolerations.push({ ...t });
  pod.spec = {
    ...spec,
    containers: spec.containers.map((c) => defaultContainer(c, tokenVolume)),
    dnsPolicy: spec.dnsPolicy ?? "ClusterFirst",
    enableServiceLinks: spec.enableServiceLinks ?? true,
    preemptionPolicy: spec.preemptionPolicy ?? "PreemptLowerPriority",
    priority: spec.priority ?? 0,
    restartPolicy: spec.restartPolicy ?? "Always",
    schedulerName: spec.schedulerName ?? "default-scheduler",
    securityContext: spec.securityContext ?? {},
    serviceAccount: spec.serviceAccountName ?? "default",
    serviceAccountName: spec.serviceAccountName ?? "default",
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
    tolerations,
    volumes: [
      ...(spec.volumes ?? []).map(defaultVolume),
      {
        name: tokenVolume,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
            { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
            {
              downwardAPI: {
                items: [
                  {
                    fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" },
                    path: "namespace",
                  },
                ],
              },
            },
          ],
        },
      },
    ],
  };
  if (spec.initContainers)
    pod.spec.initContainers = spec.initContainers.map((c) => defaultContainer(c, tokenVolume));
  return { ...pod, status: { phase: "Pending", qosClass: qosClass(pod) } };
}
