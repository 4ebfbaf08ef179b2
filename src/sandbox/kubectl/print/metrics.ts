/**
 * kubectl top's tables, as kubectl's pkg/metricsutil TopCmdPrinter writes them (v1.32): every cell
 * ends with a tab (so the last column is padded too), CPU in millicores rounded up
 * (Quantity.MilliValue), memory in whole Mi rounded down (Quantity.Value() / 2^20), and a node's
 * percentages truncated from usage / allocatable (or capacity) in float64.
 */
import type { NodeMetrics, PodMetrics, ResourceUsage } from "../../cluster/metrics.ts";
import { goSort } from "../go-sort.ts";
import {
  addQuantities as add,
  exactQuantity,
  scaledCeil,
  type ExactQuantity as Exact,
} from "../quantity.ts";
import { TABLE_TABWRITER, tabulate } from "../tabwriter.ts";

const milliValue = (q: Exact): bigint => scaledCeil(q, 1000n);
const value = (q: Exact): bigint => scaledCeil(q, 1n);

/** Usage of one pod, a container or a node, kept exact. */
interface Usage {
  cpu: Exact;
  memory: Exact;
}

const ZERO: Usage = {
  cpu: { numerator: 0n, denominator: 1n },
  memory: { numerator: 0n, denominator: 1n },
};

function usageOf(usage: ResourceUsage): Usage {
  return { cpu: exactQuantity(usage.cpu), memory: exactQuantity(usage.memory) };
}

function sum(usages: readonly Usage[]): Usage {
  return usages.reduce(
    (total, u) => ({ cpu: add(total.cpu, u.cpu), memory: add(total.memory, u.memory) }),
    ZERO,
  );
}

export type SortBy = "" | "cpu" | "memory";

/**
 * metricsutil's sorters' Less: by usage, largest first, or else by name. They run through Go's
 * unstable sort.Sort, so equal usages come out in its order.
 */
function before(nameA: string, nameB: string, a: Usage, b: Usage, sortBy: SortBy): boolean {
  if (sortBy === "cpu") return milliValue(a.cpu) > milliValue(b.cpu);
  if (sortBy === "memory") return value(a.memory) > value(b.memory);
  return nameA < nameB;
}

/** `250m\t12%\t1024Mi\t26%\t`: usage cells, with a percentage after each when `available` is known. */
function usageCells(usage: Usage, available: ResourceUsage | undefined): string {
  let out = "";
  for (const resource of ["cpu", "memory"] as const) {
    const quantity = usage[resource];
    out +=
      resource === "cpu"
        ? `${String(milliValue(quantity))}m\t`
        : `${String(value(quantity) / 1048576n)}Mi\t`;
    if (available?.[resource] !== undefined) {
      const total = milliValue(exactQuantity(available[resource]));
      const fraction = total === 0n ? 0 : (Number(milliValue(quantity)) / Number(total)) * 100;
      out += `${String(Math.trunc(fraction))}%\t`;
    }
  }
  return out;
}

export interface NodeTopOptions {
  noHeaders: boolean;
  sortBy: SortBy;
}

/**
 * `kubectl top node`: one line per node with metrics, then `<unknown>` lines for listed nodes
 * metrics-server has no sample of. `available` is each listed node's allocatable (or capacity).
 */
export function nodeMetricsTable(
  metrics: readonly NodeMetrics[],
  available: ReadonlyMap<string, ResourceUsage>,
  options: NodeTopOptions,
): string {
  if (metrics.length === 0) return "";
  const rows = metrics.map((m) => ({ name: m.metadata.name, usage: usageOf(m.usage) }));
  goSort(rows, (a, b) => before(a.name, b.name, a.usage, b.usage, options.sortBy));
  let text = options.noHeaders ? "" : "NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n";
  for (const row of rows)
    text += `${row.name}\t${usageCells(row.usage, available.get(row.name))}\n`;
  const measured = new Set(rows.map((r) => r.name));
  for (const name of available.keys()) {
    if (!measured.has(name)) text += `${name}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
  }
  return tabulate(text, TABLE_TABWRITER);
}

export interface PodTopOptions {
  containers: boolean;
  withNamespace: boolean;
  noHeaders: boolean;
  sortBy: SortBy;
  sum: boolean;
}

/** `kubectl top pod`: per pod (or per container with --containers), and a total with --sum. */
export function podMetricsTable(metrics: readonly PodMetrics[], options: PodTopOptions): string {
  if (metrics.length === 0) return "";
  let text = "";
  // kubectl counts the leading columns only while printing the headers, so --no-headers --sum
  // indents the total as if there were no NAMESPACE or POD column.
  let columns = 3;
  if (!options.noHeaders) {
    if (options.withNamespace) {
      text += "NAMESPACE\t";
      columns++;
    }
    if (options.containers) {
      text += "POD\t";
      columns++;
    }
    text += "NAME\tCPU(cores)\tMEMORY(bytes)\t\n";
  }
  const pods = metrics.map((m) => ({
    metrics: m,
    usage: sum(m.containers.map((c) => usageOf(c.usage))),
  }));
  goSort(pods, (a, b) => {
    const { namespace: na, name: a1 } = a.metrics.metadata;
    const { namespace: nb, name: b1 } = b.metrics.metadata;
    if (options.sortBy === "" && options.withNamespace && na !== nb) return na < nb;
    return before(a1, b1, a.usage, b.usage, options.sortBy);
  });
  for (const pod of pods) {
    const prefix = options.withNamespace ? `${pod.metrics.metadata.namespace}\t` : "";
    if (!options.containers) {
      text += `${prefix}${pod.metrics.metadata.name}\t${usageCells(pod.usage, undefined)}\n`;
      continue;
    }
    const containers = pod.metrics.containers.map((c) => ({
      name: c.name,
      usage: usageOf(c.usage),
    }));
    goSort(containers, (a, b) => before(a.name, b.name, a.usage, b.usage, options.sortBy));
    for (const c of containers) {
      text += `${prefix}${pod.metrics.metadata.name}\t${c.name}\t${usageCells(c.usage, undefined)}\n`;
    }
  }
  if (options.sum) {
    text += "\t".repeat(Math.max(0, columns - 2)) + "________\t________\t\n";
    text += "\t".repeat(Math.max(0, columns - 3));
    text += `\t${usageCells(sum(pods.map((p) => p.usage)), undefined)}\n`;
  }
  return tabulate(text, TABLE_TABWRITER);
}
