/** The namespaces table (printNamespace). */
import type { Namespace } from "kubernetes-types/core/v1.d.ts";
import { ageSince } from "../duration.ts";
import {
  AGE_COLUMN,
  column,
  NAME_COLUMN,
  type ResourceTable,
  type TableCell,
  type TableContext,
} from "./types.ts";

export const namespaceTable: ResourceTable<Namespace> = {
  columns: [NAME_COLUMN, column("Status", "The status of the namespace"), AGE_COLUMN],
  cells(ns: Namespace, ctx: TableContext): TableCell[] {
    return [
      ns.metadata?.name ?? "",
      ns.status?.phase ?? "",
      ageSince(ns.metadata?.creationTimestamp, ctx.nowMs),
    ];
  },
};
