/**
 * Label and field selectors with the API server's semantics (k8s.io/apimachinery labels and
 * fields packages): comma means AND; label operators =, ==, !=, in, notin, exists, !exists, <, >;
 * field selectors support only =, == and != on the fields each resource registers.
 */

export class SelectorError extends Error {
  override name = "SelectorError";
}

export type LabelOperator = "=" | "!=" | "in" | "notin" | "exists" | "!" | "<" | ">";

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

export interface FieldRequirement {
  field: string;
  operator: "=" | "!=";
  value: string;
}

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside a parenthesised value list. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function checkKey(key: string): string {
  if (key === "")
    throw new SelectorError("unable to parse requirement: found '', expected: identifier");
  if (!LABEL_KEY.test(key)) {
    throw new SelectorError(
      `unable to parse requirement: values[0][${key}]: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return key;
}

function checkValue(key: string, value: string): string {
  if (!LABEL_VALUE.test(value)) {
    throw new SelectorError(
      `unable to parse requirement: values[0][${key}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return value;
}

function parseLabelRequirement(raw: string): LabelRequirement {
  const text = raw.trim();
  const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(text);
  if (setMatch) {
    const key = checkKey(setMatch[1] ?? "");
    const values = (setMatch[3] ?? "").split(",").map((v) => checkValue(key, v.trim()));
    return { key, operator: setMatch[2] === "in" ? "in" : "notin", values: values.sort() };
  }
  if (/^\S+\s+(in|notin)\b/.test(text)) {
    throw new SelectorError(
      `unable to parse requirement: found '${text.split(/\s+/)[2] ?? ""}', expected: '('`,
    );
  }
  const opMatch = /^([^=!<>\s]*)\s*(==|=|!=|<|>)\s*(.*)$/.exec(text);
  if (opMatch) {
    const key = checkKey(opMatch[1] ?? "");
    const op = opMatch[2] ?? "=";
    const value = (opMatch[3] ?? "").trim();
    if (op === "<" || op === ">") {
      if (!/^-?\d+$/.test(value)) {
        throw new SelectorError(
          `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
      return { key, operator: op, values: [value] };
    }
    return { key, operator: op === "!=" ? "!=" : "=", values: [checkValue(key, value)] };
  }
  if (text.startsWith("!"))
    return { key: checkKey(text.slice(1).trim()), operator: "!", values: [] };
  return { key: checkKey(text), operator: "exists", values: [] };
}

export function parseLabelSelector(selector: string): LabelRequirement[] {
  if (selector.trim() === "") return [];
  return splitTopLevel(selector).map(parseLabelRequirement);
}

function matchesRequirement(
  labels: Readonly<Record<string, string>>,
  req: LabelRequirement,
): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case "=":
      return has && value === req.values[0];
    case "!=":
      return !has || value !== req.values[0];
    case "in":
      return has && req.values.includes(value ?? "");
    case "notin":
      return !has || !req.values.includes(value ?? "");
    case "exists":
      return has;
    case "!":
      return !has;
    case "<":
    case ">": {
      if (!has || !/^-?\d+$/.test(value ?? "")) return false;
      const actual = Number(value);
      const bound = Number(req.values[0]);
      return req.operator === "<" ? actual < bound : actual > bound;
    }
  }
}

export function matchesLabels(
  labels: Readonly<Record<string, string>> | undefined,
  requirements: readonly LabelRequirement[],
): boolean {
  return requirements.every((req) => matchesRequirement(labels ?? {}, req));
}

/** Controllers and kubelets select with the same few strings over and over. */
const parsedFieldSelectors = new Map<string, FieldRequirement[]>();

export function parseFieldSelector(selector: string): FieldRequirement[] {
  const cached = parsedFieldSelectors.get(selector);
  if (cached) return cached;
  const parsed = parseFieldSelectorText(selector);
  if (parsedFieldSelectors.size > 500) parsedFieldSelectors.clear();
  parsedFieldSelectors.set(selector, parsed);
  return parsed;
}

function parseFieldSelectorText(selector: string): FieldRequirement[] {
  if (selector.trim() === "") return [];
  return selector.split(",").map((raw) => {
    const match = /^([^=!]+)(==|=|!=)(.*)$/.exec(raw.trim());
    if (!match)
      throw new SelectorError(`invalid selector: '${selector}'; can't understand '${raw}'`);
    return {
      field: (match[1] ?? "").trim(),
      operator: match[2] === "!=" ? "!=" : "=",
      value: (match[3] ?? "").trim(),
    };
  });
}

/**
 * The fields each resource registers for field selection (the API server's
 * GetAttrs/SelectableFields); any resource also supports metadata.name and metadata.namespace.
 */
const SELECTABLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  pods: [
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.podIPs",
    "status.nominatedNodeName",
  ],
  nodes: ["spec.unschedulable"],
  events: [
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type",
  ],
  namespaces: ["status.phase"],
  replicasets: ["status.replicas"],
};

function fieldValue(object: unknown, path: string): string {
  if (path === "source") return stringAt(object, "source.component");
  if (path === "status.podIPs") return stringAt(object, "status.podIP");
  if (path === "spec.hostNetwork")
    return stringAt(object, path) === "" ? "false" : stringAt(object, path);
  if (path === "spec.unschedulable")
    return stringAt(object, path) === "" ? "false" : stringAt(object, path);
  return stringAt(object, path);
}

const splitPaths = new Map<string, string[]>();

function stringAt(object: unknown, path: string): string {
  let parts = splitPaths.get(path);
  if (!parts) {
    parts = path.split(".");
    splitPaths.set(path, parts);
  }
  let current: unknown = object;
  for (const part of parts) {
    if (current === null || typeof current !== "object") return "";
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined || current === null) return "";
  return typeof current === "string" || typeof current === "number" || typeof current === "boolean"
    ? String(current)
    : "";
}

/** Throws the API server's message when a field is not selectable on this resource. */
export function checkFieldSelector(
  resource: string,
  requirements: readonly FieldRequirement[],
): void {
  const allowed = SELECTABLE_FIELDS[resource] ?? [];
  for (const req of requirements) {
    if (
      req.field !== "metadata.name" &&
      req.field !== "metadata.namespace" &&
      !allowed.includes(req.field)
    ) {
      throw new SelectorError(`field label not supported: ${req.field}`);
    }
  }
}

export function matchesFields(object: unknown, requirements: readonly FieldRequirement[]): boolean {
  return requirements.every((req) => {
    const actual = fieldValue(object, req.field);
    return req.operator === "=" ? actual === req.value : actual !== req.value;
  });
}
