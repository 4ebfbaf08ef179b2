/** A scenario's workload declarations as the Kubernetes objects a user would apply. */
import type { DaemonSet, Deployment } from "kubernetes-types/apps/v1.d.ts";
import type {
  Container,
  Pod,
  PodSpec,
  PodTemplateSpec,
  Volume,
} from "kubernetes-types/core/v1.d.ts";
import type { ContainerSpec, WorkloadSpec } from "../../schemas/scenario.ts";

function container(spec: ContainerSpec): Container {
  const out: Container = { name: spec.name, image: spec.image };
  if (spec.command) out.command = [...spec.command];
  if (spec.args) out.args = [...spec.args];
  if (spec.ports.length > 0)
    out.ports = spec.ports.map((containerPort) => ({ containerPort, protocol: "TCP" }));
  const resources: NonNullable<Container["resources"]> = {};
  if (spec.requests) resources.requests = { ...spec.requests };
  if (spec.limits) resources.limits = { ...spec.limits };
  out.resources = resources;
  if (spec.mounts.length > 0) {
    out.volumeMounts = spec.mounts.map((m) =>
      m.subPath === undefined
        ? { mountPath: m.mountPath, name: m.volume }
        : { mountPath: m.mountPath, name: m.volume, subPath: m.subPath },
    );
  }
  if (spec.env.length > 0) {
    out.env = spec.env.map((e) => {
      if (e.secretKeyRef === undefined) return { name: e.name, value: e.value ?? "" };
      const { name, key, optional } = e.secretKeyRef;
      return {
        name: e.name,
        valueFrom: {
          secretKeyRef: optional === undefined ? { key, name } : { key, name, optional },
        },
      };
    });
  }
  out.terminationMessagePolicy = spec.terminationMessagePolicy;
  return out;
}

function volume(v: WorkloadSpec["volumes"][number]): Volume {
  if (v.kind === "configMap")
    return { name: v.name, configMap: { defaultMode: 420, name: v.source ?? v.name } };
  if (v.kind === "secret")
    return { name: v.name, secret: { defaultMode: 420, secretName: v.source ?? v.name } };
  if (v.kind === "hostPath") {
    const hostPath =
      v.hostFileType === undefined
        ? { path: v.source ?? "/" }
        : { path: v.source ?? "/", type: v.hostFileType };
    return { name: v.name, hostPath };
  }
  return { name: v.name, emptyDir: {} };
}

function podSpec(w: WorkloadSpec): PodSpec {
  const spec: PodSpec = {
    containers: w.containers.map(container),
    restartPolicy: w.kind === "Pod" ? w.restartPolicy : "Always",
    terminationGracePeriodSeconds: w.terminationGracePeriodSeconds,
  };
  if (w.initContainers.length > 0) spec.initContainers = w.initContainers.map(container);
  if (w.volumes.length > 0) spec.volumes = w.volumes.map(volume);
  if (w.nodeSelector) spec.nodeSelector = { ...w.nodeSelector };
  if (w.nodeName !== undefined) spec.nodeName = w.nodeName;
  if (w.hostNetwork) spec.hostNetwork = true;
  if (w.tolerations.length > 0) {
    spec.tolerations = w.tolerations.map((t) =>
      Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)),
    );
  }
  return spec;
}

function labelsOf(w: WorkloadSpec): Record<string, string> {
  return Object.keys(w.labels).length > 0 ? { ...w.labels } : { app: w.name };
}

export function workloadObject(w: WorkloadSpec): {
  resource: "deployments" | "daemonsets" | "pods";
  object: Deployment | DaemonSet | Pod;
} {
  const labels = labelsOf(w);
  const template: PodTemplateSpec = { metadata: { labels }, spec: podSpec(w) };
  switch (w.kind) {
    case "Deployment":
      return {
        resource: "deployments",
        object: {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: {
            name: w.name,
            namespace: w.namespace,
            labels,
            annotations: { "deployment.kubernetes.io/revision": "1" },
          },
          spec: {
            progressDeadlineSeconds: 600,
            replicas: w.replicas,
            revisionHistoryLimit: 10,
            selector: { matchLabels: labels },
            strategy: {
              rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
              type: "RollingUpdate",
            },
            template,
          },
        },
      };
    case "DaemonSet":
      return {
        resource: "daemonsets",
        object: {
          apiVersion: "apps/v1",
          kind: "DaemonSet",
          metadata: { name: w.name, namespace: w.namespace, labels },
          spec: {
            revisionHistoryLimit: 10,
            selector: { matchLabels: labels },
            template,
            updateStrategy: {
              rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
              type: "RollingUpdate",
            },
          },
        },
      };
    case "Pod":
      return {
        resource: "pods",
        object: {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: w.name, namespace: w.namespace, labels },
          spec: podSpec(w),
        },
      };
  }
}
