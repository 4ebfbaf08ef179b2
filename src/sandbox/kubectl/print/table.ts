/**
 * How kubectl renders a server-side Table (cli-runtime's table printer): upper-case headers,
 * wide columns (priority > 0) only with -o wide, NAMESPACE first with -A, LABELS last with
 * --show-labels, a `kind/` prefix on names when several types are printed, and the tabwriter.
 */
import type { Table, TableCell } from "../tables/index.ts";
import { formatLabels } from "../tables/types.ts";

export interface TablePrintOptions {
  wide: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  withNamespace: boolean;
  /** Prefix for NAME cells ("pod/", "deployment.apps/") when several resource types are printed. */
  kindPrefix?: string | undefined;
  /** -L: one upper-cased column per label key. */
  labelColumns: readonly string[];
}

export function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return "<none>";
  return String(cell);
}

/** Header and row lines, tab-separated, for the tabwriter. */
export function tableLines(
  table: Table,
  options: TablePrintOptions,
): { header: string; rows: string[] } {
  const visible = table.columnDefinitions
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => options.wide || column.priority === 0);
  const headers: string[] = [];
  if (options.withNamespace) headers.push("NAMESPACE");
  headers.push(...visible.map(({ column }) => column.name.toUpperCase()));
  headers.push(...options.labelColumns.map((key) => (key.split("/").at(-1) ?? key).toUpperCase()));
  if (options.showLabels) headers.push("LABELS");
  const rows = table.rows.map((row) => {
    const metadata = row.object.metadata;
    const cells: string[] = [];
    if (options.withNamespace) cells.push(metadata?.namespace ?? "");
    for (const { column, index } of visible) {
      let text = cellText(row.cells[index]);
      if (column.format === "name" && options.kindPrefix) text = options.kindPrefix + text;
      cells.push(text);
    }
    for (const key of options.labelColumns) cells.push(metadata?.labels?.[key] ?? "");
    if (options.showLabels) cells.push(formatLabels(metadata?.labels));
    return cells.join("\t");
  });
  return { header: headers.join("\t"), rows };
}
