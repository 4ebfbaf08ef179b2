/** The secrets table (printSecret): TYPE and the number of keys in data, never the values. */
import type { Secret } from "kubernetes-types/core/v1.d.ts";
import { ageSince } from "../duration.ts";
import {
  AGE_COLUMN,
  column,
  NAME_COLUMN,
  type ResourceTable,
  type TableCell,
  type TableContext,
} from "./types.ts";

export const secretTable: ResourceTable<Secret> = {
  columns: [
    NAME_COLUMN,
    column(
      "Type",
      "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types",
    ),
    column(
      "Data",
      "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
    ),
    AGE_COLUMN,
  ],
  cells(secret: Secret, ctx: TableContext): TableCell[] {
    return [
      secret.metadata?.name ?? "",
      secret.type ?? "",
      Object.keys(secret.data ?? {}).length,
      ageSince(secret.metadata?.creationTimestamp, ctx.nowMs),
    ];
  },
};
