/**
 * `kubectl cordon`, `uncordon` and `drain` with kubectl's messages and drain's refusals
 * (k8s.io/kubectl/pkg/drain filters: DaemonSet-managed pods, pods with emptyDir data, pods
 * without a controller), evictions, and the wait for evicted pods to go.
 */
import type { Node, Pod } from "kubernetes-types/core/v1.d.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError } from "../errors.ts";
import { Flags, parseArgs, type ParsedArgs } from "../flags.ts";
import { apiCall, getObject, listObjects } from "../objects.ts";
import { resolveResourceType } from "../resources.ts";
import { waitUntilGone } from "./wait.ts";

function warning(env: KubectlEnv, message: string): void {
  const label = env.isTTY ? "\x1b[33;1mWarning:\x1b[0m" : "Warning:";
  env.stderr(`${label} ${message}\n`);
}

function usage(command: string): KubectlError {
  return new KubectlError(
    `error: USAGE: ${command} NODE [flags]\nSee 'kubectl ${command} -h' for help and examples`,
  );
}

/** The nodes named (`NODE`, `node/NODE`, several) or selected with -l, as the builder finds them. */
function nodesNamed(env: KubectlEnv, command: string, parsed: ParsedArgs): Node[] {
  const selector = new Flags(parsed).optionalString("selector");
  if (parsed.positional.length === 0 && selector === undefined) throw usage(command);
  const type = resolveResourceType("nodes");
  if (parsed.positional.length === 0)
    return listObjects(env, type, { namespace: undefined, labelSelector: selector }) as Node[];
  return parsed.positional.map((name) => {
    const bare = /^nodes?\//.test(name) ? name.slice(name.indexOf("/") + 1) : name;
    return getObject(env, type, "", bare) as Node;
  });
}

/** " (dry run)" or " (server dry run)": what --dry-run adds to each line kubectl prints. */
function dryRunSuffix(flags: Flags): string {
  const dryRun = flags.optionalString("dry-run") ?? "none";
  if (dryRun === "client") return " (dry run)";
  if (dryRun === "server") return " (server dry run)";
  if (dryRun !== "none")
    throw new KubectlError(
      `error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`,
    );
  return "";
}

function setSchedulable(env: KubectlEnv, node: Node, cordon: boolean, suffix: string): void {
  const name = node.metadata?.name ?? "";
  const already = (node.spec?.unschedulable ?? false) === cordon;
  if (!already && suffix === "")
    apiCall(() => (cordon ? env.cluster.cordon(name) : env.cluster.uncordon(name)));
  const verb = cordon ? "cordoned" : "uncordoned";
  env.stdout(`node/${name} ${already ? `already ${verb}` : verb}${suffix}\n`);
}

const SCHEDULING_FLAGS = [
  { name: "selector", short: "l", type: "string" },
  { name: "dry-run", type: "string" },
] as const;

export function runCordon(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("cordon", argv, SCHEDULING_FLAGS);
  const suffix = dryRunSuffix(new Flags(parsed));
  for (const node of nodesNamed(env, "cordon", parsed)) setSchedulable(env, node, true, suffix);
  return 0;
}

export function runUncordon(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("uncordon", argv, SCHEDULING_FLAGS);
  const suffix = dryRunSuffix(new Flags(parsed));
  for (const node of nodesNamed(env, "uncordon", parsed)) setSchedulable(env, node, false, suffix);
  return 0;
}

const DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods";
const LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_STORAGE_WARNING = "deleting Pods with local storage";
const UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)";
const UNMANAGED_WARNING = "deleting Pods that declare no controller";

interface PodStatus {
  delete: boolean;
  reason: "okay" | "warning" | "error";
  message: string;
}

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
}

/** The drain filters in kubectl's order; the last status a pod reaches counts. */
function filterPod(env: KubectlEnv, pod: Pod, options: DrainOptions): PodStatus {
  const okay: PodStatus = { delete: true, reason: "okay", message: "" };
  const finished = pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
  const controller = pod.metadata?.ownerReferences?.find((o) => o.controller === true);
  const filters: (() => PodStatus)[] = [
    () => {
      if (controller?.kind !== "DaemonSet" || finished) return okay;
      const ds = env.cluster.store.get(
        "daemonsets",
        pod.metadata?.namespace ?? undefined,
        controller.name,
      );
      if (!ds) {
        const message = `daemonsets.apps "${controller.name}" not found`;
        return options.force
          ? { delete: true, reason: "warning", message }
          : { delete: false, reason: "error", message };
      }
      if (!options.ignoreDaemonSets)
        return { delete: false, reason: "error", message: DAEMONSET_FATAL };
      return { delete: false, reason: "warning", message: DAEMONSET_WARNING };
    },
    () => {
      const mirror = pod.metadata?.annotations?.["kubernetes.io/config.mirror"] !== undefined;
      return mirror ? { delete: false, reason: "okay", message: "" } : okay;
    },
    () => {
      const local = (pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined);
      if (!local || finished) return okay;
      if (!options.deleteEmptyDirData)
        return { delete: false, reason: "error", message: LOCAL_STORAGE_FATAL };
      return { delete: true, reason: "warning", message: LOCAL_STORAGE_WARNING };
    },
    () => {
      if (finished || controller) return okay;
      if (options.force) return { delete: true, reason: "warning", message: UNMANAGED_WARNING };
      return { delete: false, reason: "error", message: UNMANAGED_FATAL };
    },
  ];
  let status = okay;
  for (const filter of filters) {
    status = filter();
    if (!status.delete) break;
  }
  return status;
}

function grouped(
  entries: { status: PodStatus; pod: Pod }[],
  reason: PodStatus["reason"],
): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { status, pod } of entries) {
    if (status.reason !== reason) continue;
    const list = map.get(status.message) ?? [];
    list.push(`${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""}`);
    map.set(status.message, list);
  }
  return map;
}

export function runDrain(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("drain", argv, [
    { name: "force", type: "bool" },
    { name: "ignore-daemonsets", type: "bool" },
    { name: "delete-emptydir-data", type: "bool" },
    { name: "delete-local-data", type: "bool" },
    { name: "grace-period", type: "int" },
    { name: "timeout", type: "string" },
    { name: "selector", short: "l", type: "string" },
    { name: "pod-selector", type: "string" },
    { name: "disable-eviction", type: "bool" },
    { name: "skip-wait-for-delete-timeout", type: "int" },
    { name: "chunk-size", type: "int" },
    { name: "dry-run", type: "string" },
  ]);
  const flags = new Flags(parsed);
  const suffix = dryRunSuffix(flags);
  const nodes = nodesNamed(env, "drain", parsed);
  const node = nodes[0];
  if (!node || nodes.length > 1) throw usage("drain");
  const name = node.metadata?.name ?? "";
  setSchedulable(env, node, true, suffix);
  const options: DrainOptions = {
    force: flags.bool("force"),
    ignoreDaemonSets: flags.bool("ignore-daemonsets"),
    deleteEmptyDirData: flags.bool("delete-emptydir-data") || flags.bool("delete-local-data"),
  };
  const pods = env.cluster.store.list<Pod>("pods", {
    fieldSelector: `spec.nodeName=${name}`,
    labelSelector: flags.optionalString("pod-selector"),
  });
  const entries = pods.map((pod) => ({ pod, status: filterPod(env, pod, options) }));
  const errors = [...grouped(entries, "error")].map(
    ([message, list]) => `cannot delete ${message}: ${list.join(", ")}`,
  );
  if (errors.length > 0) {
    const text = errors.length === 1 ? (errors[0] ?? "") : `[${errors.join(", ")}]`;
    env.stderr(
      `error: unable to drain node "${name}" due to error: ${text}, continuing command...\n`,
    );
    env.stderr(`There are pending nodes to be drained:\n ${name}\n`);
    throw new KubectlError(errors.join("\n"));
  }
  const warnings = [...grouped(entries, "warning")].map(
    ([message, list]) => `${message}: ${list.join(", ")}`,
  );
  if (warnings.length > 0) warning(env, warnings.join("; "));
  const toDelete = entries.filter((e) => e.status.delete).map((e) => e.pod);
  const evict = !flags.bool("disable-eviction");
  if (suffix !== "") {
    // A dry run names the pods it would evict and stops there.
    for (const pod of toDelete)
      env.stdout(
        `evicting pod ${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""}${suffix}\n`,
      );
    env.stdout(`node/${name} drained${suffix}\n`);
    return 0;
  }
  for (const pod of toDelete) {
    const ns = pod.metadata?.namespace ?? "default";
    const podName = pod.metadata?.name ?? "";
    if (evict) {
      env.stdout(`evicting pod ${ns}/${podName}\n`);
      apiCall(() => env.cluster.evictPod(ns, podName));
    } else {
      const grace = flags.has("grace-period") ? flags.int("grace-period", -1) : -1;
      apiCall(() =>
        env.cluster.deletePod(ns, podName, grace >= 0 ? { gracePeriodSeconds: grace } : {}),
      );
    }
  }
  for (const pod of toDelete) {
    const ns = pod.metadata?.namespace ?? "default";
    const podName = pod.metadata?.name ?? "";
    waitUntilGone(env, "pods", ns, podName, (pod.spec?.terminationGracePeriodSeconds ?? 30) + 60);
    env.stdout(`pod/${podName} ${evict ? "evicted" : "deleted"}\n`);
  }
  env.stdout(`node/${name} drained\n`);
  return 0;
}
