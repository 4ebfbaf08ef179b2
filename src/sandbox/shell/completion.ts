/**
 * Tab completion as bash with kubectl's completion script loaded offers it: command names in
 * command position, kubectl subcommands, resource types and flags after `kubectl`, the names of
 * the cluster's objects where kubectl's own completion functions offer them
 * (kubectl pkg/cmd/util/completion: ResourceTypeAndNameCompletionFunc for get/describe/delete...,
 * PodResourceNameCompletionFunc for logs/exec/attach/debug, node names for cordon/uncordon/drain,
 * namespaces after `-n`), and paths of the session's filesystem elsewhere.
 */
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { Cluster } from "../cluster/cluster.ts";
import { KUBECTL_SUBCOMMANDS } from "../kubectl/index.ts";
import { resolveResourceType } from "../kubectl/resources.ts";
import type { Completion } from "./line-editor.ts";

const KUBECTL_RESOURCES = [
  "pods",
  "nodes",
  "events",
  "deployments",
  "replicasets",
  "daemonsets",
  "namespaces",
  "services",
  "configmaps",
  "secrets",
  "all",
  "po",
  "no",
  "ev",
  "deploy",
  "rs",
  "ds",
  "ns",
];

const KUBECTL_FLAGS = [
  "--all-namespaces",
  "--namespace=",
  "--output=",
  "--selector=",
  "--field-selector=",
  "--watch",
  "--previous",
  "--container=",
  "--tail=",
  "--timestamps",
  "--follow",
  "--image=",
  "--restart=Never",
  "--command",
  "--overrides=",
  "--rm",
  "--stdin",
  "--tty",
  "--profile=",
  "--ignore-daemonsets",
  "--delete-emptydir-data",
  "--force",
  "--sort-by=",
  "--show-labels",
  "--no-headers",
  "--filename=",
];

/** kubectl's subcommands whose next argument is a resource type, then names of that type. */
const TAKES_RESOURCE = new Set([
  "get",
  "describe",
  "delete",
  "edit",
  "label",
  "annotate",
  "explain",
  "scale",
]);

/** Subcommands whose argument is a pod, or TYPE/NAME (PodResourceNameCompletionFunc). */
const TAKES_POD = new Set(["logs", "exec", "attach", "debug", "port-forward"]);

/** Subcommands whose argument is a node name. */
const TAKES_NODE = new Set(["cordon", "uncordon", "drain"]);

const ROLLOUT_SUBCOMMANDS = ["history", "pause", "restart", "resume", "status", "undo"];

/**
 * Names of the objects of a resource type (any word kubectl accepts: po, pods, deploy...), in
 * `namespace`, or in every namespace when it is null (`-A`); none for a type kubectl does not know.
 * The type `containers` names the containers of the pod `pod` (init containers first).
 */
export type ObjectNames = (
  resource: string,
  namespace: string | null,
  pod?: string,
) => readonly string[];

export interface CompletionSources {
  readonly commands: readonly string[];
  /** Every path of the session's filesystem. */
  readonly paths: readonly string[];
  readonly cwd: string;
  /** The cluster's object names; without them kubectl completes no names. */
  readonly objectNames?: ObjectNames;
}

/** Object names as `kubectl get TYPE -o name` would list them from the session's cluster. */
export function clusterObjectNames(cluster: Cluster): ObjectNames {
  return (resource, namespace, pod) => {
    if (resource === "containers") {
      // CompGetContainers: the pod's init containers, then its containers.
      const spec = cluster.store.get<Pod>("pods", namespace ?? "default", pod ?? "")?.spec;
      return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.name);
    }
    let plural: string;
    let namespaced: boolean;
    try {
      ({ plural, namespaced } = resolveResourceType(resource));
    } catch {
      return [];
    }
    const names = cluster.store
      .readList(plural, namespaced && namespace !== null ? { namespace } : {})
      .map((object) => object.metadata?.name ?? "");
    return [...new Set(names)].filter((name) => name !== "");
  };
}

/** The namespace the kubectl words ask for: `-n NS`, `--namespace NS|=NS`, `-A`, else default. */
function namespaceOf(args: readonly string[]): string | null {
  let namespace: string | null = "default";
  args.forEach((arg, index) => {
    if (arg === "-A" || arg === "--all-namespaces") namespace = null;
    else if ((arg === "-n" || arg === "--namespace") && args[index + 1] !== undefined)
      namespace = args[index + 1] ?? "default";
    else if (arg.startsWith("--namespace=")) namespace = arg.slice("--namespace=".length);
    else if (/^-n[^-]/.test(arg)) namespace = arg.slice(2);
  });
  return namespace;
}

/** kubectl flags whose value may follow as the next word. */
const FLAGS_WITH_VALUE = new Set([
  "-n",
  "--namespace",
  "-c",
  "--container",
  "-o",
  "--output",
  "-l",
  "--selector",
  "-f",
  "--filename",
  "--field-selector",
  "--sort-by",
  "--tail",
  "--image",
  "--profile",
  "--target",
]);

/** kubectl's words after the subcommand that are arguments, not flags or a flag's value. */
function positionalArgs(args: readonly string[]): string[] {
  const positional: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (FLAGS_WITH_VALUE.has(arg)) index += 1;
    else if (arg === "--") break;
    else if (!arg.startsWith("-")) positional.push(arg);
  }
  return positional;
}

/** TYPE/NAME words: the names of TYPE, each written as TYPE/NAME. */
function typedNames(
  word: string,
  names: ObjectNames | undefined,
  namespace: string | null,
): string[] {
  const slash = word.indexOf("/");
  const type = word.slice(0, slash);
  return (names?.(type, namespace) ?? []).map((name) => `${type}/${name}`);
}

/**
 * What kubectl's completion offers for the word after `kubectl`'s flags and subcommand; undefined
 * where it offers files (`apply -f`, a command after `exec POD --`).
 */
function kubectlCandidates(
  args: readonly string[],
  word: string,
  sources: CompletionSources,
): readonly string[] | undefined {
  const names = sources.objectNames;
  const namespace = namespaceOf(args);
  if (word.startsWith("-")) return KUBECTL_FLAGS;
  const positional = positionalArgs(args);
  const [verb, ...rest] = positional;
  if (verb === undefined) return KUBECTL_SUBCOMMANDS;
  if (verb === "rollout") {
    if (rest.length === 0) return ROLLOUT_SUBCOMMANDS;
    return resourceCandidates(rest.slice(1), word, names, namespace);
  }
  if (TAKES_RESOURCE.has(verb)) return resourceCandidates(rest, word, names, namespace);
  if (TAKES_NODE.has(verb) && rest.length === 0) return names?.("nodes", null) ?? [];
  if (TAKES_POD.has(verb) && rest.length === 0 && !args.includes("--")) {
    return word.includes("/")
      ? typedNames(word, names, namespace)
      : (names?.("pods", namespace) ?? []);
  }
  return undefined;
}

/** ResourceTypeAndNameCompletionFunc: TYPE then its names, or TYPE/NAME words. */
function resourceCandidates(
  args: readonly string[],
  word: string,
  names: ObjectNames | undefined,
  namespace: string | null,
): readonly string[] {
  const [type] = args;
  if (type === undefined || type.includes("/")) {
    return word.includes("/") ? typedNames(word, names, namespace) : KUBECTL_RESOURCES;
  }
  // A name already on the line is not offered again.
  const present = new Set(args.slice(1));
  return (names?.(type, namespace) ?? []).filter((name) => !present.has(name));
}

export function completeLine(line: string, cursor: number, sources: CompletionSources): Completion {
  const before = line.slice(0, cursor);
  const from = Math.max(before.lastIndexOf(" "), before.lastIndexOf("\t")) + 1;
  const word = before.slice(from);
  const segment =
    before
      .slice(0, from)
      .split(/\|\||&&|[|;]/)
      .at(-1) ?? "";
  const previous = segment.trim() === "" ? [] : segment.trim().split(/\s+/);
  if (previous.length === 0) return { from, candidates: sources.commands };
  const [command, ...args] = previous;
  if (
    (command === "kubectl" || command === "k") &&
    !word.startsWith("/") &&
    !word.startsWith(".")
  ) {
    const last = args.at(-1);
    const [verb, pod] = positionalArgs(args);
    if (verb !== undefined && TAKES_POD.has(verb) && pod !== undefined && !pod.includes("/")) {
      const containers = (): readonly string[] =>
        sources.objectNames?.("containers", namespaceOf(args), pod) ?? [];
      if (last === "-c" || last === "--container") return { from, candidates: containers() };
      if (word.startsWith("--container="))
        return { from: from + "--container=".length, candidates: containers() };
    }
    if (last === "-n" || last === "--namespace")
      return { from, candidates: sources.objectNames?.("namespaces", null) ?? [] };
    if (word.startsWith("--namespace=")) {
      const names = sources.objectNames?.("namespaces", null) ?? [];
      return { from: from + "--namespace=".length, candidates: names };
    }
    const candidates = kubectlCandidates(args, word, sources);
    if (candidates !== undefined) return { from, candidates };
  }
  return { from, candidates: pathCandidates(word, sources) };
}

function pathCandidates(word: string, sources: CompletionSources): string[] {
  const slash = word.lastIndexOf("/");
  const dirPart = slash === -1 ? "" : word.slice(0, slash + 1);
  const base = dirPart.startsWith("/") ? dirPart : `${sources.cwd.replace(/\/$/, "")}/${dirPart}`;
  const normalisedBase = base.endsWith("/") ? base : `${base}/`;
  const names = new Set<string>();
  for (const path of sources.paths) {
    if (!path.startsWith(normalisedBase) || path === normalisedBase) continue;
    const rest = path.slice(normalisedBase.length);
    const [name, ...deeper] = rest.split("/");
    if (name) names.add(deeper.length > 0 ? `${name}/` : name);
  }
  return [...names].map((name) => dirPart + name);
}
