/**
 * `kubectl apply -f` and `kubectl create -f` with manifests (YAML, several documents, or JSON)
 * from the session's files: `<kind>.<group>/<name> created|configured|unchanged`, the API
 * server's AlreadyExists for create, and the pod update rule (only images may change).
 * `apply --server-side` sends the manifest as the field manager's whole configuration and the
 * cluster's server-side apply merges it: `serverside-applied`, or the 409 field conflict.
 */
import { parseAllDocuments } from "yaml";
import { ApplyConflictError, serverSideApply } from "../../cluster/server-side-apply.ts";
import type { KubeObject } from "../../cluster/store.ts";
import { rfc3339 } from "../../cluster/time-format.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { apiCall, groupResource } from "../objects.ts";
import { toCompactJson } from "../print/json.ts";
import { qualifiedKind, resourceTypeByKind, type ResourceType } from "../resources.ts";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

const POD_UPDATE_FORBIDDEN =
  "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

async function readManifest(env: KubectlEnv, path: string): Promise<string> {
  let text: string | undefined;
  try {
    text = await env.readFile(path);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw plainError(`the path "${path}" does not exist`);
  return text;
}

/** The objects in a manifest file; a List's items count one by one. */
export async function manifestObjects(env: KubectlEnv, path: string): Promise<KubeObject[]> {
  const text = await readManifest(env, path);
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if ("errors" in doc && doc.errors.length > 0) {
      const first = doc.errors[0];
      throw plainError(
        `error parsing ${path}: error converting YAML to JSON: yaml: ${first?.message.split("\n")[0] ?? "invalid document"}`,
      );
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      throw plainError(
        `error validating "${path}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    }
    const object = value as KubeObject & { items?: KubeObject[] };
    if (object.kind === "List" && Array.isArray(object.items)) objects.push(...object.items);
    else objects.push(object);
  }
  for (const object of objects) {
    const missing = [
      object.apiVersion ? "" : "apiVersion not set",
      object.kind ? "" : "kind not set",
    ].filter(Boolean);
    if (missing.length > 0) {
      throw plainError(
        `error validating "${path}": error validating data: [${missing.join(", ")}]; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    }
  }
  return objects;
}

function typeOf(object: KubeObject): ResourceType {
  const type = resourceTypeByKind(object.kind ?? "", object.apiVersion);
  if (!type) {
    throw new KubectlError(
      `error: resource mapping not found for name: "${object.metadata?.name ?? ""}" namespace: "${object.metadata?.namespace ?? ""}" from "": no matches for kind "${object.kind ?? ""}" in version "${object.apiVersion ?? ""}"\nensure CRDs are installed first`,
    );
  }
  return type;
}

function withoutStatus(object: KubeObject): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => key !== "status"));
}

/** Pods allow only image changes (and a few others) after creation. */
function podSpecChangeAllowed(current: unknown, next: unknown): boolean {
  const strip = (spec: unknown): string => {
    const copy = structuredClone(spec ?? {}) as {
      containers?: { image?: string }[];
      initContainers?: { image?: string }[];
    };
    for (const c of [...(copy.containers ?? []), ...(copy.initContainers ?? [])]) delete c.image;
    return JSON.stringify(copy);
  };
  return strip(current) === strip(next);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Strategic merge, as apply sends it: maps merge, lists of named items merge by name. */
function mergeSpecs(current: unknown, desired: unknown): unknown {
  if (Array.isArray(desired) && Array.isArray(current)) {
    const wanted: unknown[] = desired;
    const existing: unknown[] = current;
    const named = (list: unknown[]): boolean =>
      list.every((item) => isRecord(item) && typeof item["name"] === "string");
    if (!named(wanted) || !named(existing)) return wanted;
    return wanted.map((item) => {
      const match = existing.find(
        (c) => isRecord(c) && isRecord(item) && c["name"] === item["name"],
      );
      return match === undefined ? item : mergeSpecs(match, item);
    });
  }
  if (!isRecord(desired) || !isRecord(current)) return desired;
  const out: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(desired)) out[key] = mergeSpecs(out[key], value);
  return out;
}

/**
 * kubectl apply's advice after a server-side apply conflict (kubectl pkg/cmd/apply/apply.go),
 * appended to the API server's 409 message.
 */
const CONFLICT_ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/** The flag combinations kubectl apply refuses before sending anything (apply.go Validate). */
function checkServerSideFlags(flags: Flags, dryRun: string | undefined): boolean {
  const serverSide = flags.bool("server-side");
  if (flags.bool("force-conflicts") && !serverSide)
    throw plainError("--force-conflicts only works with --server-side");
  if (!serverSide) return false;
  if (dryRun === "client")
    throw plainError(
      "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
    );
  if (flags.bool("force")) throw plainError("--force cannot be used with --server-side");
  return true;
}

/**
 * One object of `apply --server-side`: the PATCH (application/apply-patch+yaml) the API server
 * answers with a create or a merge under the field manager (kubectl's default "kubectl"), and
 * kubectl's line for it. A conflict is kubectl's `error: <409 message>` plus its advice.
 */
function applyServerSide(
  env: KubectlEnv,
  type: ResourceType,
  desired: KubeObject,
  options: { manager: string; force: boolean; dryRun: boolean },
): string {
  const name = desired.metadata?.name ?? "";
  const live = env.cluster.store.get(type.plural, desired.metadata?.namespace, name);
  const applied = withoutStatus(desired) as KubeObject;
  let result: ReturnType<typeof serverSideApply>;
  try {
    result = serverSideApply(
      env.cluster.store,
      live
        ? { ...live, apiVersion: desired.apiVersion ?? "", kind: desired.kind ?? "" }
        : undefined,
      applied,
      { manager: options.manager, force: options.force, time: rfc3339(env.cluster.clock.now()) },
    );
  } catch (error) {
    if (error instanceof ApplyConflictError)
      throw plainError(`${error.message}\n${CONFLICT_ADVICE}`);
    throw error;
  }
  const nextSpec = (result.object as { spec?: unknown }).spec;
  if (
    live &&
    type.plural === "pods" &&
    !podSpecChangeAllowed((live as { spec?: unknown }).spec, nextSpec)
  )
    throw new KubectlError(`The Pod "${name}" is invalid: ${POD_UPDATE_FORBIDDEN}`);
  const suffix = options.dryRun ? " (server dry run)" : "";
  const label = `${qualifiedKind(type)}/${name} serverside-applied${suffix}`;
  if (options.dryRun) return label;
  // The merge starts from the live object, so an update carries its resourceVersion.
  const stored = apiCall(() =>
    live
      ? env.cluster.updateObject(type.plural, result.object)
      : env.cluster.create(type.plural, result.object),
  );
  result.record(stored);
  return label;
}

export async function runApplyOrCreate(
  verb: "apply" | "create",
  argv: readonly string[],
  env: KubectlEnv,
): Promise<number> {
  const parsed = parseArgs(verb, argv, [
    { name: "filename", short: "f", type: "strings" },
    { name: "recursive", short: "R", type: "bool" },
    { name: "dry-run", type: "string" },
    { name: "output", short: "o", type: "string" },
    { name: "validate", type: "string" },
    { name: "force", type: "bool" },
    { name: "server-side", type: "bool" },
    ...(verb === "apply" ? [{ name: "force-conflicts", type: "bool" } as const] : []),
    { name: "save-config", type: "bool" },
    { name: "selector", short: "l", type: "string" },
    { name: "prune", type: "bool" },
    { name: "field-manager", type: "string" },
  ]);
  const flags = new Flags(parsed);
  const files = flags.strings("filename");
  if (files.length === 0) {
    // create.go: with no subcommand word at all, only the -f/-k error.
    if (verb === "apply" || parsed.positional.length === 0)
      throw new KubectlError("error: must specify one of -f and -k");
    throw new KubectlError(
      'error: must specify one of -f and -k\n\nerror: unknown command "' +
        (parsed.positional[0] ?? "") +
        "\"\nSee 'kubectl create -h' for help and examples",
    );
  }
  const defaultNamespace = flags.string("namespace", env.namespace ?? "default");
  const dryRun = flags.optionalString("dry-run");
  const serverSide = verb === "apply" && checkServerSideFlags(flags, dryRun);
  let status = 0;
  for (const file of files) {
    if (file === "-")
      throw plainError(
        "reading from stdin is not available in this terminal; save the manifest to a file first",
      );
    const objects = await manifestObjects(env, file);
    for (const object of objects) {
      const type = typeOf(object);
      const namespace = type.namespaced
        ? (object.metadata?.namespace ?? defaultNamespace)
        : undefined;
      if (
        type.namespaced &&
        flags.has("namespace") &&
        object.metadata?.namespace &&
        object.metadata.namespace !== defaultNamespace
      ) {
        throw plainError(
          `the namespace from the provided object "${object.metadata.namespace}" does not match the namespace "${defaultNamespace}". You must pass '--namespace=${object.metadata.namespace}' to perform this operation.`,
        );
      }
      const name = object.metadata?.name ?? "";
      const label = `${qualifiedKind(type)}/${name}`;
      const desired: KubeObject = {
        ...object,
        metadata: { ...object.metadata, ...(namespace ? { namespace } : {}) },
      };
      if (serverSide) {
        try {
          const line = applyServerSide(env, type, desired, {
            manager: flags.string("field-manager", "kubectl"),
            force: flags.bool("force-conflicts"),
            dryRun: dryRun === "server",
          });
          env.stdout(`${line}\n`);
        } catch (error) {
          if (!(error instanceof KubectlError)) throw error;
          env.stderr(`${error.message}\n`);
          status = 1;
        }
        continue;
      }
      if (verb === "apply") {
        // kubectl records the manifest as Go's json.Marshal writes it: sorted keys, with the
        // namespace filled in and an (empty) annotations map.
        const recorded = {
          ...object,
          metadata: {
            ...object.metadata,
            annotations: { ...object.metadata?.annotations },
            ...(namespace ? { namespace } : {}),
          },
        };
        desired.metadata = {
          ...desired.metadata,
          annotations: {
            ...desired.metadata?.annotations,
            [LAST_APPLIED]: toCompactJson(recorded) + "\n",
          },
        };
      }
      const current = env.cluster.store.get(type.plural, namespace, name);
      const suffix =
        dryRun === "client" || dryRun === "server"
          ? ` (${dryRun === "server" ? "server " : ""}dry run)`
          : "";
      if (!current) {
        if (!dryRun || dryRun === "none") apiCall(() => env.cluster.create(type.plural, desired));
        env.stdout(`${label} created${suffix}\n`);
        continue;
      }
      if (verb === "create") {
        env.stderr(
          `Error from server (AlreadyExists): error when creating "${file}": ${groupResource(type)} "${name}" already exists\n`,
        );
        status = 1;
        continue;
      }
      const lastApplied = current.metadata?.annotations?.[LAST_APPLIED];
      if (lastApplied === undefined && dryRun !== "client") {
        env.stderr(
          `Warning: resource ${type.plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
        );
      }
      if (
        lastApplied !== undefined &&
        lastApplied === desired.metadata?.annotations?.[LAST_APPLIED]
      ) {
        env.stdout(`${label} unchanged${suffix}\n`);
        continue;
      }
      const currentSpec = (current as { spec?: unknown }).spec;
      const nextSpec = mergeSpecs(currentSpec, (desired as { spec?: unknown }).spec);
      if (type.plural === "pods" && !podSpecChangeAllowed(currentSpec, nextSpec)) {
        env.stderr(`The Pod "${name}" is invalid: ${POD_UPDATE_FORBIDDEN}\n`);
        status = 1;
        continue;
      }
      const next = {
        ...current,
        metadata: {
          ...current.metadata,
          labels: desired.metadata?.labels ?? current.metadata?.labels,
          annotations: { ...current.metadata?.annotations, ...desired.metadata?.annotations },
        },
        ...(nextSpec === undefined ? {} : { spec: nextSpec }),
      } as KubeObject & { spec?: unknown };
      if (JSON.stringify(withoutStatus(next)) === JSON.stringify(withoutStatus(current))) {
        env.stdout(`${label} unchanged${suffix}\n`);
        continue;
      }
      if (!dryRun || dryRun === "none") apiCall(() => env.cluster.updateObject(type.plural, next));
      env.stdout(`${label} configured${suffix}\n`);
    }
  }
  return status;
}
