/**
 * Tab completion as bash with kubectl's completion script loaded offers it: command names in
 * command position, kubectl subcommands, resource types and flags after `kubectl`, and paths of
 * the session's filesystem elsewhere.
 */
import { KUBECTL_SUBCOMMANDS } from "../kubectl/index.ts";
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

/** kubectl's subcommands whose next argument is a resource type. */
const TAKES_RESOURCE = new Set([
  "get",
  "describe",
  "delete",
  "edit",
  "label",
  "annotate",
  "explain",
]);

export interface CompletionSources {
  readonly commands: readonly string[];
  /** Every path of the session's filesystem. */
  readonly paths: readonly string[];
  readonly cwd: string;
  /** Object names for `kubectl <verb> <type> <Tab>`, when kubectl provides them. */
  readonly objectNames?: (resource: string) => readonly string[];
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
    if (word.startsWith("-")) return { from, candidates: KUBECTL_FLAGS };
    const positional = args.filter((arg) => !arg.startsWith("-"));
    if (positional.length === 0) return { from, candidates: KUBECTL_SUBCOMMANDS };
    const [verb, resource] = positional;
    if (verb !== undefined && TAKES_RESOURCE.has(verb)) {
      if (positional.length === 1) return { from, candidates: KUBECTL_RESOURCES };
      if (positional.length === 2 && resource !== undefined) {
        return { from, candidates: sources.objectNames?.(resource) ?? [] };
      }
    }
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
