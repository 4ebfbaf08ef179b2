/** The Containers, Volumes and Tolerations sections shared by describe pod and pod templates. */
import type {
  Container,
  ContainerState,
  ContainerStatus,
  Probe,
  Toleration,
  Volume,
} from "kubernetes-types/core/v1.d.ts";
import { rfc1123z } from "../duration.ts";
import type { DescribeWriter } from "./writer.ts";

function ports(container: Container, host: boolean): string {
  return (container.ports ?? [])
    .map((p) => {
      const text = `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? "TCP"}`;
      return p.name ? `${text} (${p.name})` : text;
    })
    .join(", ");
}

function intOrString(value: number | string | undefined): string {
  return value === undefined ? "" : String(value);
}

function probe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? "HTTP").toLowerCase();
    return `http-get ${scheme}://${p.httpGet.host ?? ""}:${intOrString(p.httpGet.port)}${p.httpGet.path ?? ""} ${attrs}`;
  }
  if (p.tcpSocket)
    return `tcp-socket ${p.tcpSocket.host ?? ""}:${intOrString(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeState(w: DescribeWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else w.write(2, `${title}:\tWaiting\n`);
}

function writeResources(w: DescribeWriter, container: Container): void {
  const sections: [string, Record<string, string | number> | undefined][] = [
    ["Limits", container.resources?.limits],
    ["Requests", container.resources?.requests],
  ];
  for (const [title, list] of sections) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(2, `${title}:\n`);
    for (const name of names) w.write(3, `${name}:\t${list?.[name] ?? ""}\n`);
  }
}

export function writeContainers(
  w: DescribeWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space: string,
): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
  const nameIndent = space.length > 0 ? " " : "";
  for (const container of containers) {
    const status = statuses?.find((s) => s.name === container.name);
    w.write(1, `${nameIndent}${container.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ""}\n`);
    w.write(2, `Image:\t${container.image ?? ""}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID}\n`);
    const portText = ports(container, false);
    if (portText.includes(",")) w.write(2, `Ports:\t${portText}\n`);
    else w.write(2, `Port:\t${portText || "<none>"}\n`);
    const hostText = ports(container, true);
    if (hostText.includes(",")) w.write(2, `Host Ports:\t${hostText}\n`);
    else w.write(2, `Host Port:\t${hostText || "<none>"}\n`);
    if (container.command?.length) {
      w.write(2, "Command:\n");
      for (const c of container.command) for (const line of c.split("\n")) w.write(3, `${line}\n`);
    }
    if (container.args?.length) {
      w.write(2, "Args:\n");
      for (const a of container.args) for (const line of a.split("\n")) w.write(3, `${line}\n`);
    }
    if (status) {
      writeState(w, "State", status.state);
      if (status.lastState?.terminated) writeState(w, "Last State", status.lastState);
      w.write(2, `Ready:\t${status.ready ? "True" : "False"}\n`);
      w.write(2, `Restart Count:\t${status.restartCount}\n`);
    }
    writeResources(w, container);
    if (container.livenessProbe) w.write(2, `Liveness:\t${probe(container.livenessProbe)}\n`);
    if (container.readinessProbe) w.write(2, `Readiness:\t${probe(container.readinessProbe)}\n`);
    if (container.startupProbe) w.write(2, `Startup:\t${probe(container.startupProbe)}\n`);
    const env = container.env ?? [];
    w.write(2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
    for (const e of env) {
      if (e.valueFrom === undefined) {
        (e.value ?? "").split("\n").forEach((line, i) => {
          w.write(3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`);
        });
      } else if (e.valueFrom.fieldRef) {
        w.write(
          3,
          `${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? ""}:${e.valueFrom.fieldRef.fieldPath})\n`,
        );
      } else if (e.valueFrom.secretKeyRef) {
        const r = e.valueFrom.secretKeyRef;
        w.write(
          3,
          `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ""}'>\tOptional: ${String(r.optional ?? false)}\n`,
        );
      } else if (e.valueFrom.configMapKeyRef) {
        const r = e.valueFrom.configMapKeyRef;
        w.write(
          3,
          `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ""}'>\tOptional: ${String(r.optional ?? false)}\n`,
        );
      }
    }
    const mounts = [...(container.volumeMounts ?? [])].sort((a, b) =>
      a.mountPath < b.mountPath ? -1 : 1,
    );
    w.write(2, `Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? "ro" : "rw"];
      if (m.subPath) flags.push(`path="${m.subPath}"`);
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
    }
  }
}

export function writeVolumes(w: DescribeWriter, volumes: readonly Volume[], space: string): void {
  if (volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  const nameIndent = space.length > 0 ? " " : "";
  for (const v of volumes) {
    w.write(1, `${nameIndent}${v.name}:\n`);
    if (v.hostPath) {
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? ""}\n`,
      );
    } else if (v.emptyDir) {
      const limit = v.emptyDir.sizeLimit ?? "<unset>";
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ""}\n    SizeLimit:\t${limit}\n`,
      );
    } else if (v.secret) {
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ""}\n    Optional:\t${String(v.secret.optional ?? false)}\n`,
      );
    } else if (v.configMap) {
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ""}\n    Optional:\t${String(v.configMap.optional ?? false)}\n`,
      );
    } else if (v.persistentVolumeClaim) {
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${String(v.persistentVolumeClaim.readOnly ?? false)}\n`,
      );
    } else if (v.downwardAPI) {
      w.write(
        2,
        "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n",
      );
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      }
    } else if (v.projected) {
      w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
      for (const source of v.projected.sources ?? []) {
        if (source.secret)
          w.write(
            2,
            `SecretName:\t${source.secret.name ?? ""}\n    Optional:\t${String(source.secret.optional ?? false)}\n`,
          );
        else if (source.downwardAPI) w.write(2, "DownwardAPI:\ttrue\n");
        else if (source.configMap)
          w.write(
            2,
            `ConfigMapName:\t${source.configMap.name ?? ""}\n    ConfigMapOptional:\t${source.configMap.optional === undefined ? "<nil>" : String(source.configMap.optional)}\n`,
          );
        else if (source.serviceAccountToken)
          w.write(
            2,
            `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3607}\n`,
          );
      }
    } else w.write(1, "<unknown>\n");
  }
}

export function writeTolerations(
  w: DescribeWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
  initialIndent = "",
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) =>
    (a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0,
  );
  if (list.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let text = t.key ?? "";
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) text += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${text}\n`);
  });
}
