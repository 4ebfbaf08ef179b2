/** meta.k8s.io/v1 Table, as kube-apiserver returns it for `Accept: application/json;as=Table`. */
import type { KubeObject } from "../../cluster/store.ts";

export interface TableColumnDefinition {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format: string;
  description: string;
  priority: number;
}

export type TableCell = string | number | boolean | null;

export interface TableRow {
  cells: TableCell[];
  /** The row's object: PartialObjectMetadata by default (includeObject=Metadata), as the API sends. */
  object: KubeObject;
}

export interface Table {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: { resourceVersion?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** What a row's cells depend on besides the object: the virtual clock, for ages. */
export interface TableContext {
  nowMs: number;
}

/** One resource's server-side printer: columns (always the wide set, as the API server sends) and cells. */
export interface ResourceTable<T> {
  columns: readonly TableColumnDefinition[];
  cells(object: T, ctx: TableContext): TableCell[];
}

export function column(
  name: string,
  description: string,
  options: { type?: TableColumnDefinition["type"]; priority?: number; format?: string } = {},
): TableColumnDefinition {
  return {
    name,
    type: options.type ?? "string",
    format: options.format ?? "",
    description,
    priority: options.priority ?? 0,
  };
}

export const NAME_COLUMN = column(
  "Name",
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
  { format: "name" },
);

export const AGE_COLUMN = column(
  "Age",
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
);

/** labels.FormatLabels: sorted key=value pairs, "<none>" when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${labels?.[k] ?? ""}`).join(",");
}

/** metav1.FormatLabelSelector for matchLabels and matchExpressions. */
export function formatLabelSelector(
  selector:
    | {
        matchLabels?: Record<string, string> | undefined;
        matchExpressions?:
          { key: string; operator: string; values?: string[] | undefined }[] | undefined;
      }
    | undefined,
): string {
  if (!selector) return "<none>";
  const parts: string[] = [];
  for (const key of Object.keys(selector.matchLabels ?? {}).sort()) {
    parts.push(`${key}=${selector.matchLabels?.[key] ?? ""}`);
  }
  for (const expr of selector.matchExpressions ?? []) {
    const values = [...(expr.values ?? [])].sort().join(",");
    if (expr.operator === "In") parts.push(`${expr.key} in (${values})`);
    else if (expr.operator === "NotIn") parts.push(`${expr.key} notin (${values})`);
    else if (expr.operator === "Exists") parts.push(expr.key);
    else parts.push(`!${expr.key}`);
  }
  return parts.length === 0 ? "<none>" : parts.join(",");
}

/** layoutContainerCells: container names and images, comma separated. */
export function containerCells(
  containers: readonly { name: string; image?: string | undefined }[],
): [string, string] {
  return [containers.map((c) => c.name).join(","), containers.map((c) => c.image ?? "").join(",")];
}
