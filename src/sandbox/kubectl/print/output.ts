/**
 * The -o formats other than tables: yaml, json, name, jsonpath=... and jsonpath-file=...,
 * go-template=... and go-template-file=... (or their template/templatefile aliases and the
 * --template flag), custom-columns=HEADER:PATH,... and their kubectl errors. Files are the
 * session's (KubectlEnv.readFile).
 */
import type { KubeObject } from "../../cluster/store.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { qualifiedKind, resourceTypeByKind } from "../resources.ts";
import { TABLE_TABWRITER, tabulate } from "../tabwriter.ts";
import { formatValue, fromJson, goQuote, goSyntax } from "./go-fmt.ts";
import { compileGoTemplate, GoTemplateError, GoTemplateExecutionError } from "./go-template.ts";
import { toCompactJson, toJson } from "./json.ts";
import {
  compileJsonPath,
  JsonPathError,
  JsonPathExecutionError,
  relaxedJsonPath,
  UNEXPECTED_PATH,
  type CompiledJsonPath,
} from "./jsonpath.ts";
import { toYaml } from "./yaml.ts";

export type OutputFormat =
  | { kind: "table"; wide: boolean }
  | { kind: "yaml" }
  | { kind: "json" }
  | { kind: "name" }
  | { kind: "jsonpath"; template: string }
  | { kind: "go-template"; template: string; allowMissingKeys: boolean }
  | { kind: "custom-columns"; spec: string };

const ALLOWED =
  "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/** The -o value and the flags that go with it (--template, --allow-missing-template-keys). */
export interface OutputOptions {
  output: string | undefined;
  template?: string | undefined;
  allowMissingKeys?: boolean | undefined;
}

const TEMPLATE_FILE_FORMATS = ["go-template-file", "templatefile", "jsonpath-file"];

/**
 * -o with what it needs read: kubectl get prints with a go-template when only --template is
 * given, and the -file formats read their template (cli-runtime's "error reading --template").
 */
export async function resolveOutputFormat(
  options: OutputOptions,
  readFile: KubectlEnv["readFile"],
): Promise<OutputFormat> {
  const output =
    (options.output ?? "") === "" && (options.template ?? "") !== ""
      ? "go-template"
      : options.output;
  const eq = output?.indexOf("=") ?? -1;
  const name = output === undefined || eq === -1 ? output : output.slice(0, eq);
  if (name === undefined || !TEMPLATE_FILE_FORMATS.includes(name))
    return parseOutputFormat(output, options);
  const path = eq === -1 ? (options.template ?? "") : (output ?? "").slice(eq + 1);
  if (path === "") throw plainError("template format specified but no template given");
  let text: string | undefined;
  try {
    text = await readFile(path);
  } catch {
    text = undefined;
  }
  if (text === undefined)
    throw plainError(`error reading --template ${path}, open ${path}: no such file or directory`);
  const kind = name === "jsonpath-file" ? "jsonpath" : "go-template";
  return parseOutputFormat(`${kind}=${text}`, options);
}

export function parseOutputFormat(
  value: string | undefined,
  options: Omit<OutputOptions, "output"> = {},
): OutputFormat {
  if (value === undefined || value === "") return { kind: "table", wide: false };
  if (value === "wide") return { kind: "table", wide: true };
  if (value === "yaml") return { kind: "yaml" };
  if (value === "json") return { kind: "json" };
  if (value === "name") return { kind: "name" };
  const eq = value.indexOf("=");
  const name = eq === -1 ? value : value.slice(0, eq);
  const arg = eq === -1 ? "" : value.slice(eq + 1);
  const template = eq === -1 ? (options.template ?? "") : arg;
  if (name === "jsonpath") {
    if (template === "") throw plainError("template format specified but no template given");
    return { kind: "jsonpath", template };
  }
  if (name === "go-template" || name === "template") {
    if (template === "") throw plainError("template format specified but no template given");
    try {
      compileGoTemplate(template);
    } catch (error) {
      if (error instanceof GoTemplateError)
        throw plainError(`error parsing template ${template}, ${error.message}`);
      throw error;
    }
    return { kind: "go-template", template, allowMissingKeys: options.allowMissingKeys ?? true };
  }
  if (name === "custom-columns") {
    if (arg === "") throw plainError("custom-columns format specified but no custom columns given");
    return { kind: "custom-columns", spec: arg };
  }
  throw new KubectlError(
    `error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED}`,
  );
}

/** A command that prints the object it made has no table printer: -o wide is refused. */
export function noWidePrinter(): KubectlError {
  return new KubectlError(
    'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml',
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

/**
 * JSONPathPrinter.PrintObj: a parse error names the template; an execution error carries a
 * debugging dump (the template and Go's %#v of the object) in the error text, on stderr.
 */
function jsonPathText(template: string, target: unknown): string {
  let compiled: CompiledJsonPath;
  try {
    compiled = compileJsonPath(template);
  } catch (error) {
    if (error instanceof JsonPathError)
      throw plainError(`error parsing jsonpath ${template}, ${error.message}`);
    throw error;
  }
  try {
    return compiled.print(target);
  } catch (error) {
    if (!(error instanceof JsonPathExecutionError)) throw error;
    throw plainError(
      `error executing jsonpath ${goQuote(template)}: Error executing template: ${error.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${template}\n` +
        `\tobject given to jsonpath engine was:\n\t\t${goSyntax(fromJson(target))}\n\n\n`,
    );
  }
}

/**
 * GoTemplatePrinter.PrintObj: on an execution error kubectl writes what the template printed so
 * far and a debugging dump (the template, the JSON, Go's %v of the map) to stdout, then fails.
 */
function goTemplateText(
  format: Extract<OutputFormat, { kind: "go-template" }>,
  target: unknown,
): string {
  try {
    return compileGoTemplate(format.template).execute(target, {
      allowMissingKeys: format.allowMissingKeys,
    });
  } catch (error) {
    if (!(error instanceof GoTemplateExecutionError)) throw error;
    const dump =
      `${error.partial}Error executing template: ${error.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${format.template}\n` +
      `\traw data was:\n\t\t${toCompactJson(target)}\n` +
      `\tobject given to template engine was:\n\t\t${formatValue(fromJson(target))}\n\n`;
    throw new KubectlError(
      `error: error executing template ${goQuote(format.template)}: ${error.message}`,
      1,
      dump,
    );
  }
}

/** Custom columns and --sort-by report a JSONPath execution error as `error: MESSAGE`. */
export function executionErrorsPlain<T>(evaluate: () => T): T {
  try {
    return evaluate();
  } catch (error) {
    if (error instanceof JsonPathExecutionError) throw plainError(error.message);
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
    const path = relaxedJsonPath(part.slice(colon + 1));
    if (path === undefined) throw plainError(UNEXPECTED_PATH);
    return { header: part.slice(0, colon), path };
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
      const values = executionErrorsPlain(() => path.values(object));
      if (values.length === 0) return "<none>";
      // CustomColumnsPrinter prints each value with Go's fmt.Sprint: map[k:v], [a b], 5, true.
      return values.map((v) => formatValue(fromJson(v))).join(",");
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
    case "go-template":
      return goTemplateText(format, target);
    case "custom-columns":
      return customColumns(format.spec, objects, noHeaders);
  }
}
