/**
 * The -o formats other than tables: yaml, json, name, jsonpath=..., jsonpath-file is not
 * supported (no host files), custom-columns=HEADER:PATH,... and their kubectl errors.
 */
import type { KubeObject } from "../../cluster/store.ts";
import { KubectlError, plainError } from "../errors.ts";
import { qualifiedKind, resourceTypeByKind } from "../resources.ts";
import { TABLE_TABWRITER, tabulate } from "../tabwriter.ts";
import { toJson } from "./json.ts";
import { compileJsonPath, JsonPathError, relaxedJsonPath } from "./jsonpath.ts";
import { toYaml } from "./yaml.ts";

export type OutputFormat =
  | { kind: "table"; wide: boolean }
  | { kind: "yaml" }
  | { kind: "json" }
  | { kind: "name" }
  | { kind: "jsonpath"; template: string }
  | { kind: "custom-columns"; spec: string };

const ALLOWED =
  "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

export function parseOutputFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === "") return { kind: "table", wide: false };
  if (value === "wide") return { kind: "table", wide: true };
  if (value === "yaml") return { kind: "yaml" };
  if (value === "json") return { kind: "json" };
  if (value === "name") return { kind: "name" };
  const eq = value.indexOf("=");
  const name = eq === -1 ? value : value.slice(0, eq);
  const arg = eq === -1 ? "" : value.slice(eq + 1);
  if (name === "jsonpath") {
    if (arg === "") throw plainError("template format specified but no template given");
    return { kind: "jsonpath", template: arg };
  }
  if (name === "custom-columns") {
    if (arg === "") throw plainError("custom-columns format specified but no custom columns given");
    return { kind: "custom-columns", spec: arg };
  }
  throw new KubectlError(
    `error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED}`,
  );
}

/** The List kubectl prints for several objects with -o yaml/json/jsonpath. */
export function asList(objects: readonly KubeObject[]): Record<string, unknown> {
  return { apiVersion: "v1", items: objects, kind: "List", metadata: { resourceVersion: "" } };
}

export function objectName(object: KubeObject): string {
  const type = resourceTypeByKind(object.kind ?? "", object.apiVersion);
  const kind = type ? qualifiedKind(type) : (object.kind ?? "").toLowerCase();
  return `${kind}/${object.metadata?.name ?? ""}`;
}

function jsonPathText(template: string, target: unknown): string {
  try {
    return compileJsonPath(template).print(target);
  } catch (error) {
    if (error instanceof JsonPathError)
      throw plainError(`error parsing jsonpath ${template}, ${error.message}`);
    throw error;
  }
}

function customColumns(spec: string, objects: readonly KubeObject[], noHeaders: boolean): string {
  const columns = spec.split(",").map((part) => {
    const colon = part.indexOf(":");
    if (colon === -1) {
      throw plainError(
        `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`,
      );
    }
    return { header: part.slice(0, colon), path: relaxedJsonPath(part.slice(colon + 1)) };
  });
  const compiled = columns.map((c) => {
    try {
      return compileJsonPath(c.path);
    } catch (error) {
      if (error instanceof JsonPathError)
        throw plainError(`error parsing jsonpath ${c.path}, ${error.message}`);
      throw error;
    }
  });
  let text = noHeaders ? "" : columns.map((c) => c.header).join("\t") + "\n";
  for (const object of objects) {
    const cells = compiled.map((path) => {
      const values = path.values(object);
      if (values.length === 0) return "<none>";
      return values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(",");
    });
    text += cells.join("\t") + "\n";
  }
  return tabulate(text, TABLE_TABWRITER);
}

/**
 * Text for a non-table format. `single` is true when the user named exactly one object, which
 * kubectl prints on its own rather than inside a List.
 */
export function formatObjects(
  format: Exclude<OutputFormat, { kind: "table" }>,
  objects: readonly KubeObject[],
  single: boolean,
  noHeaders: boolean,
): string {
  const target = single && objects.length === 1 ? objects[0] : asList(objects);
  switch (format.kind) {
    case "yaml":
      return toYaml(target);
    case "json":
      return toJson(target);
    case "name":
      return objects.map((o) => objectName(o) + "\n").join("");
    case "jsonpath":
      return jsonPathText(format.template, target);
    case "custom-columns":
      return customColumns(format.spec, objects, noHeaders);
  }
}
