/** `kubectl get`: tables from the server-side Table definitions, the -o formats, and -w. */
import type { KubeObject, WatchEvent } from "../../cluster/store.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs, type FlagSpec } from "../flags.ts";
import { getObject, listObjects } from "../objects.ts";
import {
  compileJsonPath,
  JsonPathError,
  relaxedJsonPath,
  UNEXPECTED_PATH,
} from "../print/jsonpath.ts";
import {
  executionErrorsPlain,
  formatObjects,
  resolveOutputFormat,
  type OutputFormat,
} from "../print/output.ts";
import { tableLines, type TablePrintOptions } from "../print/table.ts";
import {
  ALL_CATEGORY,
  qualifiedKind,
  resolveResourceType,
  resourceTypeByPlural,
  type ResourceType,
} from "../resources.ts";
import { goSort } from "../go-sort.ts";
import { compareQuantities, parseExactQuantity } from "../quantity.ts";
import { toTable } from "../tables/index.ts";
import { TABLE_TABWRITER, TabWriter, tabulate } from "../tabwriter.ts";
import { waitForAbort } from "./wait.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "output", short: "o", type: "string" },
  { name: "watch", short: "w", type: "bool" },
  { name: "watch-only", type: "bool" },
  { name: "selector", short: "l", type: "string" },
  { name: "field-selector", type: "string" },
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "sort-by", type: "string" },
  { name: "show-labels", type: "bool" },
  { name: "show-kind", type: "bool" },
  { name: "no-headers", type: "bool" },
  { name: "label-columns", short: "L", type: "strings" },
  { name: "ignore-not-found", type: "bool" },
  { name: "chunk-size", type: "int" },
  { name: "show-managed-fields", type: "bool" },
  { name: "output-watch-events", type: "bool" },
  { name: "filename", short: "f", type: "strings" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "raw", type: "string" },
  { name: "subresource", type: "string" },
  { name: "template", type: "string" },
  { name: "allow-missing-template-keys", type: "bool" },
];

interface Request {
  type: ResourceType;
  names: string[];
}

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

/** TYPE [NAME...] | TYPE1,TYPE2 | TYPE/NAME... | all, as kubectl's resource builder reads them. */
export function parseResourceArgs(command: string, args: readonly string[]): Request[] {
  const slashed = args.filter((a) => a.includes("/"));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw plainError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${command} resource/<resource_name>' instead of 'kubectl ${command} resource resource/<resource_name>'`,
      );
    }
    const requests: Request[] = [];
    for (const arg of args) {
      const [word = "", ...rest] = arg.split("/");
      const name = rest.join("/");
      if (name === "")
        throw plainError(`arguments in resource/name form must have a single resource and name`);
      const type = resolveResourceType(word);
      const existing = requests.find((r) => r.type === type);
      if (existing) existing.names.push(name);
      else requests.push({ type, names: [name] });
    }
    return requests;
  }
  const [typeWords = "", ...names] = args;
  const types = typeWords
    .split(",")
    .flatMap((word) =>
      word === "all"
        ? ALL_CATEGORY.map((p) => resourceTypeByPlural(p))
        : [resolveResourceType(word)],
    )
    .filter((t): t is ResourceType => t !== undefined);
  if (names.length > 0 && types.length > 1) {
    throw plainError(
      `you may only specify a single resource type when passing names: ${typeWords} ${names.join(" ")}`,
    );
  }
  return types.map((type) => ({ type, names: [...names] }));
}

/**
 * isLess over unstructured values (pkg/cmd/get/sorter.go): numbers and strings by value, two
 * strings that both parse as quantities as quantities ("100m" < "1"), nil first.
 */
function isLess(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b !== null && b !== undefined;
  if (b === null || b === undefined) return false;
  if (typeof a === "number" && typeof b === "number") return a < b;
  if (typeof a === "string" && typeof b === "string") {
    const qa = parseExactQuantity(a);
    const qb = parseExactQuantity(b);
    return qa && qb ? compareQuantities(qa, qb) < 0 : a < b;
  }
  return false;
}

/** A --sort-by that cannot be applied: its path does not parse, or no object has the field. */
class SortError extends Error {}

/**
 * --sort-by as kubectl's sorters: the path's first value per object, compared by isLess through
 * Go's unstable sort.Sort; an object without the field sorts before the others. Lists of 0 or 1
 * objects are not sorted at all.
 */
function sortObjects(objects: KubeObject[], expression: string, table: boolean): KubeObject[] {
  if (objects.length <= 1) return objects;
  const relaxed = relaxedJsonPath(expression);
  // The table sorter falls back to the expression as given; the object sorter refuses it.
  if (relaxed === undefined && !table) throw new SortError(UNEXPECTED_PATH);
  const field = relaxed ?? expression;
  let path;
  try {
    path = compileJsonPath(field);
  } catch (error) {
    if (error instanceof JsonPathError) throw new SortError(`sorting error: ${error.message}`);
    throw error;
  }
  const rows = objects.map((object) => ({
    object,
    values: executionErrorsPlain(() => path.values(object)),
  }));
  if (!rows.some((r) => r.values.length > 0))
    throw new SortError(`couldn't find any field with path "${field}" in the list of objects`);
  goSort(rows, (a, b) => {
    if (a.values.length === 0) return true;
    if (b.values.length === 0) return false;
    return isLess(a.values[0], b.values[0]);
  });
  return rows.map((r) => r.object);
}

function noResourcesMessage(namespace: string | undefined, namespaced: boolean): string {
  return namespaced && namespace !== undefined
    ? `No resources found in ${namespace} namespace.\n`
    : "No resources found\n";
}

export async function runGet(argv: readonly string[], env: KubectlEnv): Promise<number> {
  const parsed = parseArgs("get", argv, FLAGS);
  const flags = new Flags(parsed);
  const format = await resolveOutputFormat(
    {
      output: flags.optionalString("output"),
      template: flags.optionalString("template"),
      allowMissingKeys:
        !flags.has("allow-missing-template-keys") || flags.bool("allow-missing-template-keys"),
    },
    (path) => env.readFile(path),
  );
  if (parsed.positional.length === 0) throw new KubectlError(NO_TYPE);
  const requests = parseResourceArgs("get", parsed.positional);
  const allNamespaces = flags.bool("all-namespaces");
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const listNamespace = allNamespaces ? undefined : namespace;
  const nowMs = env.cluster.clock.now();
  const multipleTypes = requests.length > 1 || flags.bool("show-kind");
  const errors: string[] = [];
  const groups: { type: ResourceType; objects: KubeObject[] }[] = [];
  const single = requests.length === 1 && requests[0]?.names.length === 1;

  for (const request of requests) {
    let objects: KubeObject[] = [];
    if (request.names.length > 0) {
      for (const name of request.names) {
        try {
          objects.push(getObject(env, request.type, namespace, name));
        } catch (error) {
          if (error instanceof KubectlError && flags.bool("ignore-not-found")) continue;
          if (error instanceof KubectlError) errors.push(error.message);
          else throw error;
        }
      }
    } else {
      objects = listObjects(env, request.type, {
        namespace: listNamespace,
        labelSelector: flags.optionalString("selector"),
        fieldSelector: flags.optionalString("field-selector"),
      });
    }
    const sortBy = flags.optionalString("sort-by");
    if (sortBy) {
      try {
        objects = sortObjects(objects, sortBy, format.kind === "table");
      } catch (error) {
        if (!(error instanceof SortError)) throw error;
        // kubectl 1.32 prints a single table it cannot sort as if it were empty.
        if (format.kind !== "table" || requests.length > 1) throw plainError(error.message);
        env.stderr(noResourcesMessage(listNamespace, request.type.namespaced));
        return 0;
      }
    }
    groups.push({ type: request.type, objects });
  }

  const watching = flags.bool("watch") || flags.bool("watch-only");
  if (watching) {
    const first = groups[0];
    if (!first || groups.length > 1)
      throw plainError(
        "watch is only supported on individual resources and resource collections, but 2 resources were found.",
      );
    await watch(
      env,
      first.type,
      first.objects,
      format,
      flags,
      listNamespace,
      allNamespaces,
      parsed.positional.length > 1 ? requests[0]?.names : undefined,
    );
    return errors.length > 0 ? 1 : 0;
  }

  if (format.kind === "table") {
    const options = (type: ResourceType): TablePrintOptions => ({
      wide: format.wide,
      noHeaders: flags.bool("no-headers"),
      showLabels: flags.bool("show-labels"),
      withNamespace: allNamespaces && type.namespaced,
      kindPrefix: multipleTypes ? `${qualifiedKind(type)}/` : undefined,
      labelColumns: flags.strings("label-columns"),
    });
    const blocks: string[] = [];
    for (const group of groups) {
      if (group.objects.length === 0) continue;
      const table = toTable(group.type.plural, group.objects, { nowMs });
      const { header, rows } = tableLines(table, options(group.type));
      const text =
        (flags.bool("no-headers") ? "" : header + "\n") + rows.map((r) => r + "\n").join("");
      blocks.push(tabulate(text, TABLE_TABWRITER));
    }
    if (blocks.length > 0) env.stdout(blocks.join("\n"));
    const anyNamed = requests.some((r) => r.names.length > 0);
    if (blocks.length === 0 && !anyNamed) {
      const namespaced = requests.some((r) => r.type.namespaced);
      env.stderr(noResourcesMessage(listNamespace, namespaced));
    }
  } else {
    const objects = groups.flatMap((g) => g.objects);
    const anyNamed = requests.some((r) => r.names.length > 0);
    if (!(anyNamed && objects.length === 0)) {
      const text = formatObjects(format, objects, single, flags.bool("no-headers"));
      env.stdout(text);
    }
  }
  for (const message of errors) env.stderr(message + "\n");
  return errors.length > 0 ? 1 : 0;
}

async function watch(
  env: KubectlEnv,
  type: ResourceType,
  initial: KubeObject[],
  format: OutputFormat,
  flags: Flags,
  namespace: string | undefined,
  allNamespaces: boolean,
  names: string[] | undefined,
): Promise<void> {
  const writer = new TabWriter(TABLE_TABWRITER, true);
  const options: TablePrintOptions = {
    wide: format.kind === "table" && format.wide,
    noHeaders: flags.bool("no-headers"),
    showLabels: flags.bool("show-labels"),
    withNamespace: allNamespaces && type.namespaced,
    labelColumns: flags.strings("label-columns"),
  };
  let headerPrinted = false;
  const print = (objects: readonly KubeObject[]): void => {
    if (objects.length === 0) return;
    if (format.kind !== "table") {
      for (const object of objects) env.stdout(formatObjects(format, [object], true, true));
      return;
    }
    const table = toTable(type.plural, objects, { nowMs: env.cluster.clock.now() });
    const { header, rows } = tableLines(table, options);
    if (!headerPrinted && !options.noHeaders) writer.write(header + "\n");
    headerPrinted = true;
    for (const row of rows) writer.write(row + "\n");
    env.stdout(writer.flush());
  };
  if (!flags.bool("watch-only")) {
    if (initial.length === 0 && format.kind === "table")
      env.stderr(noResourcesMessage(namespace, type.namespaced));
    print(initial);
  }
  const labelSelector = flags.optionalString("selector");
  const stop = env.cluster.store.watch(
    type.plural,
    { namespace: type.namespaced ? namespace : undefined },
    (event: WatchEvent) => {
      const name = event.object.metadata?.name ?? "";
      if (names && !names.includes(name)) return;
      if (labelSelector) {
        const matching = listObjects(env, type, { namespace, labelSelector }).some(
          (o) => o.metadata?.name === name,
        );
        if (!matching && event.type !== "DELETED") return;
      }
      print([event.object]);
    },
  );
  try {
    await waitForAbort(env.signal);
  } finally {
    stop();
  }
}
