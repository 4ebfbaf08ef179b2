/**
 * `kubectl delete`: `pod "x" deleted` per object right after its DELETE, then (as kubectl does by
 * default, cmdwait.IsDeleted) a wait until each deleted object is gone; --grace-period,
 * --force/--now, --wait=false, --timeout, -l, --all, --ignore-not-found.
 */
import type { KubectlEnv } from "../env.ts";
import { KubectlError, notFound, plainError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { durationFlag } from "../go-duration.ts";
import { apiCall, groupResource, listObjects } from "../objects.ts";
import type { ResourceType } from "../resources.ts";
import { parseResourceArgs } from "./get.ts";

const NO_ARGS = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

const FORCE_WARNING =
  "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n";

/** An object kubectl deleted and waits for: gone, or replaced by one with another UID. */
interface Deleted {
  readonly type: ResourceType;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly uid: string | undefined;
  /** How long its graceful termination may take (the pod's grace period), in ms. */
  readonly graceMs: number;
}

/** Deletes one object the way the API server does for its resource. */
function deleteNow(
  env: KubectlEnv,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  gracePeriodSeconds: number | undefined,
): Deleted {
  const ns = type.namespaced ? namespace : undefined;
  const before = env.cluster.store.get<{
    metadata?: { uid?: string };
    spec?: { terminationGracePeriodSeconds?: number };
  }>(type.plural, ns, name);
  if (type.plural === "pods") {
    apiCall(() =>
      env.cluster.deletePod(
        ns ?? "default",
        name,
        gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds },
      ),
    );
  } else {
    apiCall(() => env.cluster.store.delete(type.plural, ns, name));
  }
  const grace = gracePeriodSeconds ?? before?.spec?.terminationGracePeriodSeconds ?? 30;
  return { type, namespace: ns, name, uid: before?.metadata?.uid, graceMs: grace * 1000 };
}

function isGone(env: KubectlEnv, deleted: Deleted): boolean {
  const object = env.cluster.store.get(deleted.type.plural, deleted.namespace, deleted.name);
  return !object || (deleted.uid !== undefined && object.metadata?.uid !== deleted.uid);
}

/**
 * Moves the virtual clock (finely while a termination is likely to end, then by seconds) until
 * every object is gone or `limitMs` has passed: the kubelet finishes the graceful terminations
 * as time passes, as it would while the real kubectl watches.
 */
function advanceUntilGone(env: KubectlEnv, objects: readonly Deleted[], limitMs: number): boolean {
  const fineMs = Math.max(...objects.map((o) => o.graceMs)) + 60_000;
  for (let waited = 0; ;) {
    if (objects.every((o) => isGone(env, o))) return true;
    if (waited >= limitMs) return false;
    const step = Math.min(waited < fineMs ? 100 : 1000, limitMs - waited);
    env.cluster.advance(step);
    waited += step;
  }
}

/**
 * kubectl's wait for the DELETED events (a week without --timeout). On virtual time it gives each
 * termination its grace period and a minute; an object still there after that (a node that never
 * confirms) keeps a terminal waiting, as the real kubectl hangs, until it is gone or Ctrl-C; a
 * script, where no one can press Ctrl-C, goes on. With --timeout it fails as cmdwait does.
 */
async function waitForDeletion(
  env: KubectlEnv,
  objects: readonly Deleted[],
  timeoutMs: number | undefined,
): Promise<void> {
  if (objects.length === 0) return;
  const natural = Math.max(...objects.map((o) => o.graceMs)) + 60_000;
  const limited = timeoutMs !== undefined && timeoutMs > 0;
  if (advanceUntilGone(env, objects, limited ? timeoutMs : natural)) return;
  if (limited) {
    const left = objects.find((o) => !isGone(env, o));
    throw plainError(
      `timed out waiting for the condition on ${left?.type.plural ?? ""}/${left?.name ?? ""}`,
    );
  }
  if (env.signal.aborted) return;
  await new Promise<void>((resolve) => {
    const finish = (): void => {
      stops.forEach((stop) => {
        stop();
      });
      env.signal.removeEventListener("abort", finish);
      resolve();
    };
    const stops = [...new Set(objects.map((o) => o.type.plural))].map((plural) =>
      env.cluster.store.watch(plural, {}, () => {
        if (objects.every((o) => isGone(env, o))) finish();
      }),
    );
    env.signal.addEventListener("abort", finish, { once: true });
  });
}

/** Deletes one object and gives it its grace period and a minute to go (kubectl run --rm). */
export function deleteObject(
  env: KubectlEnv,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  options: { gracePeriodSeconds?: number | undefined; wait: boolean },
): void {
  const deleted = deleteNow(env, type, namespace, name, options.gracePeriodSeconds);
  if (options.wait) advanceUntilGone(env, [deleted], deleted.graceMs + 60_000);
}

export async function runDelete(argv: readonly string[], env: KubectlEnv): Promise<number> {
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
  // delete.go Complete: --now is a one-second grace period; --grace-period=0 means 1 unless
  // --force; --force alone means 0.
  let grace = flags.int("grace-period", -1);
  const force = flags.bool("force");
  if (flags.bool("now")) {
    if (grace !== -1) throw plainError("--now and --grace-period cannot be specified together");
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const gracePeriodSeconds = grace < 0 ? undefined : grace;
  const wait = flags.has("wait") ? flags.bool("wait") : true;
  const timeoutMs = durationFlag("delete", flags, "timeout");
  const quiet = flags.string("output") === "name";
  // --dry-run=client|server: printed with its suffix, nothing deleted, nothing to wait for.
  const dryRun = flags.string("dry-run", "none");
  const dryRunSuffix =
    dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  if (force && grace === 0) env.stderr(FORCE_WARNING);
  let status = 0;
  const deleted: Deleted[] = [];
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
        // DeleteResult: nothing matched is said on stdout.
        env.stdout("No resources found\n");
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
      if (dryRunSuffix === "")
        deleted.push(deleteNow(env, request.type, namespace, name, gracePeriodSeconds));
      const kind = request.type.group
        ? `${request.type.kind.toLowerCase()}.${request.type.group}`
        : request.type.kind.toLowerCase();
      const verb = force && grace === 0 ? "force deleted" : "deleted";
      if (quiet) env.stdout(`${kind}/${name}\n`);
      else env.stdout(`${kind} "${name}" ${verb}${dryRunSuffix}\n`);
    }
  }
  if (wait) await waitForDeletion(env, deleted, timeoutMs);
  return status;
}
