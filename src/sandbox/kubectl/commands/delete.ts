/**
 * `kubectl delete`: `pod "x" deleted` per object, after waiting (as kubectl does by default) until
 * the object is gone; --grace-period, --force/--now, --wait=false, -l, --all, --ignore-not-found.
 */
import type { KubectlEnv } from "../env.ts";
import { KubectlError, notFound } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { apiCall, groupResource, listObjects } from "../objects.ts";
import type { ResourceType } from "../resources.ts";
import { parseResourceArgs } from "./get.ts";
import { waitUntilGone } from "./wait.ts";

const NO_ARGS = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

const FORCE_WARNING =
  "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n";

/** Deletes one object the way the API server does for its resource, then waits when asked. */
export function deleteObject(
  env: KubectlEnv,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  options: { gracePeriodSeconds?: number | undefined; wait: boolean },
): void {
  const ns = type.namespaced ? namespace : undefined;
  if (type.plural === "pods") {
    apiCall(() =>
      env.cluster.deletePod(
        ns ?? "default",
        name,
        options.gracePeriodSeconds === undefined
          ? {}
          : { gracePeriodSeconds: options.gracePeriodSeconds },
      ),
    );
  } else {
    apiCall(() => env.cluster.store.delete(type.plural, ns, name));
  }
  if (options.wait)
    waitUntilGone(env, type.plural, ns, name, (options.gracePeriodSeconds ?? 30) + 60);
}

export function runDelete(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("delete", argv, [
    { name: "selector", short: "l", type: "string" },
    { name: "field-selector", type: "string" },
    { name: "all", type: "bool" },
    { name: "all-namespaces", short: "A", type: "bool" },
    { name: "grace-period", type: "int" },
    { name: "force", type: "bool" },
    { name: "now", type: "bool" },
    { name: "wait", type: "bool" },
    { name: "ignore-not-found", type: "bool" },
    { name: "filename", short: "f", type: "strings" },
    { name: "recursive", short: "R", type: "bool" },
    { name: "cascade", type: "string" },
    { name: "timeout", type: "string" },
    { name: "output", short: "o", type: "string" },
    { name: "dry-run", type: "string" },
  ]);
  const flags = new Flags(parsed);
  if (parsed.positional.length === 0) throw new KubectlError(NO_ARGS);
  const requests = parseResourceArgs("delete", parsed.positional);
  const namespace = flags.string("namespace", env.namespace ?? "default");
  let grace = flags.has("grace-period") ? flags.int("grace-period", -1) : undefined;
  if (flags.bool("now")) grace = 1;
  const force = flags.bool("force");
  if (force && grace === undefined) grace = 0;
  if (grace !== undefined && grace < 0) grace = undefined;
  const wait = flags.has("wait") ? flags.bool("wait") : true;
  const quiet = flags.string("output") === "name";
  if (force && grace === 0) env.stderr(FORCE_WARNING);
  let status = 0;
  for (const request of requests) {
    let names = request.names;
    if (names.length === 0) {
      const selector = flags.optionalString("selector");
      if (!selector && !flags.bool("all") && !flags.optionalString("field-selector")) {
        throw new KubectlError(`error: resource(s) were provided, but no name was specified`);
      }
      const found = listObjects(env, request.type, {
        namespace: flags.bool("all-namespaces") ? undefined : namespace,
        labelSelector: selector,
        fieldSelector: flags.optionalString("field-selector"),
      });
      if (found.length === 0) {
        env.stderr(request.type.namespaced ? `No resources found\n` : "No resources found\n");
        continue;
      }
      names = found.map((o) => o.metadata?.name ?? "");
    }
    for (const name of names) {
      const ns = request.type.namespaced ? namespace : undefined;
      if (!env.cluster.store.get(request.type.plural, ns, name)) {
        if (flags.bool("ignore-not-found")) continue;
        env.stderr(notFound(groupResource(request.type), name).message + "\n");
        status = 1;
        continue;
      }
      deleteObject(env, request.type, namespace, name, {
        gracePeriodSeconds: grace,
        wait: wait && grace !== 0,
      });
      const kind = request.type.group
        ? `${request.type.kind.toLowerCase()}.${request.type.group}`
        : request.type.kind.toLowerCase();
      if (quiet) env.stdout(`${kind}/${name}\n`);
      else env.stdout(`${kind} "${name}" ${force && grace === 0 ? "force deleted" : "deleted"}\n`);
    }
  }
  return status;
}
