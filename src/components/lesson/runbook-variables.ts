/**
 * Runbook variables: the learner's own pod, node, image and namespace, substituted into every
 * command on a lesson page. Pure functions, shared by the server render, the browser script and
 * the tests, so the page shows exactly the command that Copy and "Run in terminal" use.
 */

export interface RunbookVariable {
  /** Key in the stored values and in the form's field names. */
  readonly name: "pod" | "node" | "otherNode" | "image" | "namespace";
  readonly label: string;
  /** The placeholder written in lessons; undefined for the namespace, which becomes a flag. */
  readonly placeholder: string | undefined;
  readonly hint: string;
}

export const runbookVariables: readonly RunbookVariable[] = [
  { name: "pod", label: "Your pod", placeholder: "<pod-name>", hint: "webapp-6f7d8c9b5-abcde" },
  { name: "node", label: "Its node", placeholder: "<node-name>", hint: "node-2" },
  { name: "otherNode", label: "A healthy node", placeholder: "<other-node>", hint: "node-1" },
  {
    name: "image",
    label: "Its image",
    placeholder: "<image>",
    hint: "registry.example.com/webapp:1.4.2",
  },
  { name: "namespace", label: "Namespace", placeholder: undefined, hint: "default" },
];

export type RunbookValues = Partial<Record<RunbookVariable["name"], string>>;

/** A piece of a rendered command: literal text, or a variable shown filled or as its placeholder. */
export interface CommandSegment {
  readonly text: string;
  readonly variable?: RunbookVariable["name"];
  readonly filled?: boolean;
}

/** Values the learner may type: Kubernetes names, image references, nothing a shell would expand. */
const safeValue = /^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/;

/** Drops values that are empty or could change the command's meaning (spaces, quotes, `$`, `;`). */
export function cleanValues(values: RunbookValues): RunbookValues {
  const clean: RunbookValues = {};
  for (const variable of runbookVariables) {
    const value = values[variable.name]?.trim();
    if (value && value.length <= 253 && safeValue.test(value)) clean[variable.name] = value;
  }
  return clean;
}

/**
 * Node-scoped kubectl commands (`get node`, `drain`, `debug node/...`) take no namespace; every
 * other kubectl call in the runbook reads pods or events and gets `-n <namespace>` when one is set.
 */
const nodeScoped = /^\s*(?:\S+\s+)?(?:nodes?\b|node\/|drain\b|cordon\b|uncordon\b)/;

function withNamespace(template: string, namespace: string | undefined): string {
  if (!namespace) return template;
  return template.replace(/\bkubectl (?=([^|)]*))/g, (match: string, rest: string) =>
    nodeScoped.test(rest) ? match : `kubectl -n ${namespace} `,
  );
}

/** Splits a command into text and variable segments, with the learner's values applied. */
export function commandSegments(template: string, values: RunbookValues): CommandSegment[] {
  const clean = cleanValues(values);
  const source = withNamespace(template, clean.namespace);
  const placeholders = runbookVariables.filter((v) => v.placeholder !== undefined);
  const pattern = new RegExp(
    placeholders.map((v) => escapeRegExp(v.placeholder ?? "")).join("|"),
    "g",
  );
  const segments: CommandSegment[] = [];
  let last = 0;
  for (const match of source.matchAll(pattern)) {
    const variable = placeholders.find((v) => v.placeholder === match[0]);
    if (!variable) continue;
    if (match.index > last) segments.push({ text: source.slice(last, match.index) });
    const value = clean[variable.name];
    segments.push({
      text: value ?? match[0],
      variable: variable.name,
      filled: value !== undefined,
    });
    last = match.index + match[0].length;
  }
  if (last < source.length) segments.push({ text: source.slice(last) });
  return segments;
}

/** The command as Copy and "Run in terminal" use it. */
export function resolveCommand(template: string, values: RunbookValues): string {
  return commandSegments(template, values)
    .map((segment) => segment.text)
    .join("");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Where the values are kept for the visit (all tabs of the visit, cleared with the session). */
export const runbookStorageKey = "runbook-variables";

export function readStoredValues(storage: Pick<Storage, "getItem">): RunbookValues {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(runbookStorageKey) ?? "{}");
    if (typeof parsed !== "object" || parsed === null) return {};
    const values: RunbookValues = {};
    for (const variable of runbookVariables) {
      const value: unknown = (parsed as Record<string, unknown>)[variable.name];
      if (typeof value === "string") values[variable.name] = value;
    }
    return cleanValues(values);
  } catch {
    return {};
  }
}
