/**
 * `kubectl top node|pod` over the cluster's metrics-server (src/sandbox/cluster/metrics.ts), with
 * kubectl v1.32's pkg/cmd/top checks and messages: "Metrics API not available" while
 * metrics.k8s.io is not served, metrics-server's NotFound texts for one NAME, and for an empty pod
 * list the pods' ages deciding between "metrics not available yet" and "No resources found".
 */
import type { Node, Pod } from "kubernetes-types/core/v1.d.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import {
  nodeMetrics,
  podMetrics,
  type NodeMetrics,
  type PodMetrics,
  type ResourceUsage,
} from "../../cluster/metrics.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, notFound, plainError } from "../errors.ts";
import { Flags, parseArgs, type FlagSpec, type ParsedArgs } from "../flags.ts";
import { metricsServer } from "../metrics-api.ts";
import { listObjects } from "../objects.ts";
import { nodeMetricsTable, podMetricsTable, type SortBy } from "../print/metrics.ts";
import { resolveResourceType } from "../resources.ts";

const TOP_HELP =
  'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse "kubectl top <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n';

const COMMON_FLAGS: readonly FlagSpec[] = [
  { name: "selector", short: "l", type: "string" },
  { name: "sort-by", type: "string" },
  { name: "no-headers", type: "bool" },
  { name: "use-protocol-buffers", type: "bool" },
];
const NODE_FLAGS: readonly FlagSpec[] = [...COMMON_FLAGS, { name: "show-capacity", type: "bool" }];
const POD_FLAGS: readonly FlagSpec[] = [
  ...COMMON_FLAGS,
  { name: "field-selector", type: "string" },
  { name: "containers", type: "bool" },
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "sum", type: "bool" },
];

/** kubectl's metricsCreationDelay: a pod older than this without metrics is reported by name. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

const SUBCOMMANDS: Record<string, "node" | "pod"> = {
  node: "node",
  nodes: "node",
  no: "node",
  pod: "pod",
  pods: "pod",
  po: "pod",
};

/** The cluster's metrics-server, or kubectl's complaint when discovery lacks metrics.k8s.io. */
function metricsCluster(env: KubectlEnv): Cluster {
  const cluster = metricsServer(env);
  if (!cluster) throw plainError("Metrics API not available");
  return cluster;
}

function sortByFlag(flags: Flags): SortBy {
  const sortBy = flags.string("sort-by");
  if (sortBy !== "" && sortBy !== "cpu" && sortBy !== "memory")
    throw plainError("--sort-by accepts only cpu or memory");
  return sortBy;
}

function oneName(command: string, use: string, parsed: ParsedArgs): string {
  if (parsed.positional.length > 1)
    throw new KubectlError(`error: ${use}\nSee 'kubectl ${command} -h' for help and examples`);
  return parsed.positional[0] ?? "";
}

/** Go's time.Duration.String for an age of at least a second: "2m35s", "1h0m5.5s". */
function goDuration(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = String((ms % 60_000) / 1000);
  if (hours > 0) return `${String(hours)}h${String(minutes)}m${seconds}s`;
  if (minutes > 0) return `${String(minutes)}m${seconds}s`;
  return `${seconds}s`;
}

function runTopNode(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("top node", argv, NODE_FLAGS);
  const flags = new Flags(parsed);
  const name = oneName("top node", "node [NAME | -l label]", parsed);
  const sortBy = sortByFlag(flags);
  const selector = flags.string("selector");
  if (name !== "" && selector !== "")
    throw plainError("only one of NAME or --selector can be provided");
  const cluster = metricsCluster(env);
  const nodesType = resolveResourceType("nodes");
  let metrics: readonly NodeMetrics[];
  let nodes: Node[];
  if (name !== "") {
    if (!cluster.store.get("nodes", undefined, name)) throw notFound("node", name);
    metrics = nodeMetrics(cluster).filter((m) => m.metadata.name === name);
    if (metrics.length === 0) throw notFound("nodemetrics.metrics.k8s.io", name);
    nodes = listObjects(env, nodesType, { namespace: undefined }).filter(
      (n) => n.metadata?.name === name,
    ) as Node[];
  } else {
    nodes = listObjects(env, nodesType, {
      namespace: undefined,
      labelSelector: selector,
    }) as Node[];
    const listed = new Set(nodes.map((n) => n.metadata?.name));
    metrics = nodeMetrics(cluster).filter((m) => listed.has(m.metadata.name));
    if (metrics.length === 0) throw plainError("metrics not available yet");
  }
  const available = new Map<string, ResourceUsage>();
  for (const node of nodes) {
    const resources = flags.bool("show-capacity")
      ? node.status?.capacity
      : node.status?.allocatable;
    available.set(node.metadata?.name ?? "", {
      cpu: resources?.["cpu"] ?? "0",
      memory: resources?.["memory"] ?? "0",
    });
  }
  env.stdout(nodeMetricsTable(metrics, available, { noHeaders: flags.bool("no-headers"), sortBy }));
  return 0;
}

function runTopPod(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("top pod", argv, POD_FLAGS);
  const flags = new Flags(parsed);
  const name = oneName("top pod", "pod [NAME | -l label]", parsed);
  const sortBy = sortByFlag(flags);
  const labelSelector = flags.string("selector");
  const fieldSelector = flags.string("field-selector");
  if (name !== "" && (labelSelector !== "" || fieldSelector !== ""))
    throw plainError("only one of NAME or selector can be provided");
  const cluster = metricsCluster(env);
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const allNamespaces = flags.bool("all-namespaces");
  const podsType = resolveResourceType("pods");
  let metrics: readonly PodMetrics[];
  if (name !== "") {
    if (!cluster.store.get("pods", namespace, name)) throw notFound("pods", name);
    metrics = podMetrics(cluster, namespace).filter((m) => m.metadata.name === name);
    if (metrics.length === 0) throw notFound("podmetrics.metrics.k8s.io", `${namespace}/${name}`);
  } else {
    const listed = new Set(
      listObjects(env, podsType, {
        namespace: allNamespaces ? undefined : namespace,
        labelSelector,
        fieldSelector,
      }).map((p) => `${p.metadata?.namespace ?? ""}/${p.metadata?.name ?? ""}`),
    );
    metrics = podMetrics(cluster, allNamespaces ? undefined : namespace).filter((m) =>
      listed.has(`${m.metadata.namespace}/${m.metadata.name}`),
    );
  }
  if (metrics.length === 0) {
    // kubectl checks the pods of the context's namespace even with -A (verifyEmptyMetrics).
    const pods = listObjects(env, podsType, { namespace, labelSelector, fieldSelector }) as Pod[];
    if (pods.length > 0) {
      for (const pod of pods) {
        const ageMs = env.cluster.clock.now() - Date.parse(pod.metadata?.creationTimestamp ?? "");
        if (ageMs > METRICS_CREATION_DELAY_MS) {
          throw plainError(
            `Metrics not available for pod ${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""}, age: ${goDuration(ageMs)}`,
          );
        }
      }
      throw plainError("metrics not available yet");
    }
    env.stderr(
      allNamespaces ? "No resources found\n" : `No resources found in ${namespace} namespace.\n`,
    );
    return 0;
  }
  env.stdout(
    podMetricsTable(metrics, {
      containers: flags.bool("containers"),
      withNamespace: allNamespaces,
      noHeaders: flags.bool("no-headers"),
      sortBy,
      sum: flags.bool("sum"),
    }),
  );
  return 0;
}

export function runTop(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("top", argv, [...NODE_FLAGS, ...POD_FLAGS]);
  const [word] = parsed.positional;
  if (word === undefined) {
    // cobra's DefaultSubCommandRun: the help goes to stderr and kubectl exits 1.
    env.stderr(TOP_HELP);
    return 1;
  }
  const sub = SUBCOMMANDS[word];
  if (sub === undefined)
    throw new KubectlError(
      `error: unknown command "${parsed.positional.join(" ")}"\nSee 'kubectl top -h' for help and examples`,
    );
  const rest = [...argv];
  rest.splice(argv.indexOf(word), 1);
  return sub === "node" ? runTopNode(rest, env) : runTopPod(rest, env);
}
