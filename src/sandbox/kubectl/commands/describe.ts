/** `kubectl describe TYPE NAME|PREFIX`, `TYPE/NAME`, `TYPE -l ...` for pods, nodes and deployments. */
import type { DaemonSet, Deployment, ReplicaSet } from "kubernetes-types/apps/v1.d.ts";
import type { Lease } from "kubernetes-types/coordination/v1.d.ts";
import type { Event, Node, Pod, Secret } from "kubernetes-types/core/v1.d.ts";
import type { KubeObject } from "../../cluster/store.ts";
import { describeDaemonSet } from "../describe/daemonset.ts";
import { describeDeployment } from "../describe/deployment.ts";
import { describeNode } from "../describe/node.ts";
import { describePod } from "../describe/pod.ts";
import { describeReplicaSet } from "../describe/replicaset.ts";
import { describeSecret } from "../describe/secret.ts";
import { formatLabelSelector } from "../tables/types.ts";
import { DescribeWriter, writeAnnotations, writeLabels } from "../describe/writer.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { groupResource, listObjects } from "../objects.ts";
import { rfc1123z } from "../duration.ts";
import { toYaml } from "../print/yaml.ts";
import type { ResourceType } from "../resources.ts";
import { parseResourceArgs } from "./get.ts";

const NO_TYPE =
  'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.';

/**
 * The events describe shows: client-go's Events(ns).Search, a field selector on the reference's
 * involvedObject name, namespace ("" for cluster-scoped objects), kind and uid, where a node's
 * uid is its name (the kubelet records node events that way).
 */
function eventsFor(env: KubectlEnv, object: KubeObject, kind: string): Event[] {
  const meta = object.metadata ?? {};
  const namespace = meta.namespace ?? "";
  const uid = kind === "Node" ? (meta.name ?? "") : (meta.uid ?? "");
  return env.cluster.store
    .list<Event>("events", { namespace: namespace === "" ? undefined : namespace })
    .filter(
      (e) =>
        e.involvedObject.name === meta.name &&
        (e.involvedObject.namespace ?? "") === namespace &&
        e.involvedObject.kind === kind &&
        (uid === "" || e.involvedObject.uid === uid),
    );
}

function templateKey(template: unknown): string {
  const copy = structuredClone(template) as
    { metadata?: { labels?: Record<string, string> } } | undefined;
  if (copy?.metadata?.labels) delete copy.metadata.labels["pod-template-hash"];
  return JSON.stringify(copy);
}

/** Objects without a dedicated describer: the generic one (Name, Namespace, Labels, Annotations, the rest as YAML). */
function describeGeneric(object: KubeObject): string {
  const w = new DescribeWriter();
  const meta = object.metadata ?? {};
  w.write(0, `Name:\t${meta.name ?? ""}\n`);
  if (meta.namespace) w.write(0, `Namespace:\t${meta.namespace}\n`);
  writeLabels(w, "Labels", meta.labels);
  writeAnnotations(w, "Annotations", meta.annotations);
  w.write(0, `API Version:\t${object.apiVersion ?? ""}\n`);
  w.write(0, `Kind:\t${object.kind ?? ""}\n`);
  w.write(0, `Metadata:\n  Creation Timestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  const rest = Object.fromEntries(
    Object.entries(object).filter(([k]) => !["apiVersion", "kind", "metadata"].includes(k)),
  );
  if (Object.keys(rest).length > 0) w.write(0, toYaml(rest));
  w.write(0, "Events:\t<none>\n");
  return w.toString();
}

/** The pods a ReplicaSet or DaemonSet selects, as its describer lists them. */
function selectedPods(env: KubectlEnv, workload: ReplicaSet | DaemonSet): Pod[] {
  return env.cluster.store.list<Pod>("pods", {
    namespace: workload.metadata?.namespace ?? undefined,
    labelSelector: formatLabelSelector(workload.spec?.selector),
  });
}

function describeOne(
  env: KubectlEnv,
  type: ResourceType,
  object: KubeObject,
  showEvents: boolean,
): string {
  const nowMs = env.cluster.clock.now();
  const events = showEvents ? eventsFor(env, object, type.kind) : undefined;
  switch (type.plural) {
    case "pods":
      return describePod(object as Pod, events, nowMs);
    case "nodes": {
      const name = object.metadata?.name ?? "";
      const pods = env.cluster.store
        .list<Pod>("pods", { fieldSelector: `spec.nodeName=${name}` })
        .filter((p) => p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
      const lease = env.cluster.store.get<Lease>("leases", "kube-node-lease", name);
      return describeNode(object as Node, pods, events, lease, nowMs);
    }
    case "deployments": {
      const d = object as Deployment;
      const owned = env.cluster.store
        .list<ReplicaSet>("replicasets", {
          namespace: d.metadata?.namespace ?? undefined,
        })
        .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === d.metadata?.uid));
      const current = templateKey(d.spec?.template);
      const newSets = owned.filter((rs) => templateKey(rs.spec?.template) === current);
      const oldSets = owned.filter((rs) => !newSets.includes(rs));
      return describeDeployment(d, oldSets, newSets, events, nowMs);
    }
    case "replicasets":
      return describeReplicaSet(
        object as ReplicaSet,
        selectedPods(env, object as ReplicaSet),
        events,
        nowMs,
      );
    case "daemonsets":
      return describeDaemonSet(
        object as DaemonSet,
        selectedPods(env, object as DaemonSet),
        events,
        nowMs,
      );
    case "secrets":
      return describeSecret(object as Secret);
    default:
      return describeGeneric(object);
  }
}

export function runDescribe(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("describe", argv, [
    { name: "selector", short: "l", type: "string" },
    { name: "all-namespaces", short: "A", type: "bool" },
    { name: "show-events", type: "bool" },
    { name: "chunk-size", type: "int" },
    { name: "filename", short: "f", type: "strings" },
    { name: "recursive", short: "R", type: "bool" },
  ]);
  const flags = new Flags(parsed);
  if (parsed.positional.length === 0) throw new KubectlError(NO_TYPE);
  const requests = parseResourceArgs("describe", parsed.positional);
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const showEvents = flags.has("show-events") ? flags.bool("show-events") : true;
  const outputs: string[] = [];
  const errors: string[] = [];
  for (const request of requests) {
    const all = listObjects(env, request.type, {
      namespace: flags.bool("all-namespaces") ? undefined : namespace,
      labelSelector: flags.optionalString("selector"),
    });
    if (request.names.length === 0) {
      if (all.length === 0) {
        env.stderr(
          request.type.namespaced && !flags.bool("all-namespaces")
            ? `No resources found in ${namespace} namespace.\n`
            : "No resources found\n",
        );
      }
      outputs.push(...all.map((o) => describeOne(env, request.type, o, showEvents)));
      continue;
    }
    for (const name of request.names) {
      const exact = all.find((o) => o.metadata?.name === name);
      // kubectl describe falls back to every object whose name starts with the given one.
      const matches = exact
        ? [exact]
        : all.filter((o) => (o.metadata?.name ?? "").startsWith(name));
      if (matches.length === 0) {
        errors.push(
          `Error from server (NotFound): ${groupResource(request.type)} "${name}" not found`,
        );
        continue;
      }
      outputs.push(...matches.map((o) => describeOne(env, request.type, o, showEvents)));
    }
  }
  if (outputs.length > 0) env.stdout(outputs.join("\n\n"));
  for (const e of errors) env.stderr(e + "\n");
  return errors.length > 0 ? 1 : 0;
}
