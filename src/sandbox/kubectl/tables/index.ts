/**
 * Server-side tables: the one definition of what each resource's rows show, used by the built-in
 * kubectl and served by the API facade (src/sandbox/kube-api) to the real kubectl.
 */
import type { KubeObject } from "../../cluster/store.ts";
import { eventTable } from "./events.ts";
import { namespaceTable } from "./namespaces.ts";
import { nodeTable } from "./nodes.ts";
import { podTable } from "./pods.ts";
import { secretTable } from "./secrets.ts";
import {
  column,
  NAME_COLUMN,
  type ResourceTable,
  type Table,
  type TableCell,
  type TableColumnDefinition,
  type TableContext,
  type TableRow,
} from "./types.ts";
import { daemonSetTable, deploymentTable, replicaSetTable } from "./workloads.ts";

export type { Table, TableCell, TableColumnDefinition, TableContext, TableRow } from "./types.ts";

/**
 * Resources without a printer get the API server's default table: NAME and CREATED AT.
 * (kubectl shows "CREATED AT" as an RFC 3339 time.)
 */
const defaultTable: ResourceTable<KubeObject> = {
  columns: [
    NAME_COLUMN,
    column(
      "Created At",
      "CreationTimestamp is a timestamp representing the server time when this object was created.",
      {
        type: "date",
      },
    ),
  ],
  cells(object: KubeObject): TableCell[] {
    return [object.metadata?.name ?? "", object.metadata?.creationTimestamp ?? null];
  },
};

const TABLES: Record<string, ResourceTable<never>> = {
  pods: podTable,
  nodes: nodeTable,
  events: eventTable,
  namespaces: namespaceTable,
  deployments: deploymentTable,
  replicasets: replicaSetTable,
  daemonsets: daemonSetTable,
  secrets: secretTable,
};

function tableFor(resource: string): ResourceTable<KubeObject> {
  return (TABLES[resource] as ResourceTable<KubeObject> | undefined) ?? defaultTable;
}

/** The column definitions the API server sends for a resource (all of them, wide ones included). */
export function tableColumns(resource: string): readonly TableColumnDefinition[] {
  return tableFor(resource).columns;
}

export interface ToTableOptions {
  /** includeObject=Object sends whole objects in rows (kubectl asks for it with --sort-by); default Metadata. */
  includeObject?: "Object" | "Metadata" | "None" | undefined;
  resourceVersion?: string | undefined;
}

function rowObject(object: KubeObject, include: ToTableOptions["includeObject"]): KubeObject {
  if (include === "Object") return object;
  if (include === "None") return {};
  return {
    kind: "PartialObjectMetadata",
    apiVersion: "meta.k8s.io/v1",
    metadata: object.metadata ?? {},
  };
}

/** meta.k8s.io/v1 Table for a list (or one object) of a resource. */
export function toTable(
  resource: string,
  objects: readonly KubeObject[],
  ctx: TableContext,
  options: ToTableOptions = {},
): Table {
  const table = tableFor(resource);
  const rows: TableRow[] = objects.map((object) => ({
    cells: table.cells(object, ctx),
    object: rowObject(object, options.includeObject),
  }));
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata:
      options.resourceVersion === undefined ? {} : { resourceVersion: options.resourceVersion },
    columnDefinitions: [...table.columns],
    rows,
  };
}
