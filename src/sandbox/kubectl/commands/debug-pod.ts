/**
 * `kubectl debug POD`: an ephemeral debug container added to the running pod (`--image`,
 * `--target` to share a container's process namespace), or with `--copy-to=NAME` a copy of the pod
 * with one container changed or added (the classic way to get a shell in an image whose entrypoint
 * fails: `--container=app -- sh`). Messages and the containers built are kubectl 1.32's
 * (pkg/cmd/debug: generateDebugContainer, generatePodCopyWithDebugContainer).
 */
import type { Container, EphemeralContainer, Pod } from "kubernetes-types/core/v1.d.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import type { Flags } from "../flags.ts";
import { apiCall, getObject } from "../objects.ts";
import type { ResourceType } from "../resources.ts";
import { promptHint } from "./attach-messages.ts";

export interface PodDebugRequest {
  /** The TYPE of a TYPE/NAME target; debug handles pods only (and nodes, in debug.ts). */
  type: ResourceType;
  podName: string;
  namespace: string;
  image: string | undefined;
  /** What came after `--`. */
  args: readonly string[];
  flags: Flags;
}

/** computeDebugContainerName: -c, or debugger-<5 chars> not used by any container yet. */
function debugContainerName(env: KubectlEnv, pod: Pod, flags: Flags): string {
  const given = flags.optionalString("container");
  if (given !== undefined && given !== "") return given;
  const taken = new Set(
    [
      ...(pod.spec?.containers ?? []),
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.ephemeralContainers ?? []),
    ].map((c) => c.name),
  );
  let name = "";
  while (name === "" || taken.has(name)) name = `debugger-${env.cluster.random.suffix(5)}`;
  if (!flags.bool("quiet")) env.stdout(`Defaulting debug container name to ${name}.\n`);
  return name;
}

/** kubectl watches the pod until its debug container starts: up to a minute of virtual time. */
export function waitWhilePending(env: KubectlEnv, namespace: string, name: string): void {
  for (let waited = 0; waited < 60; waited++) {
    const phase = env.cluster.store.get<Pod>("pods", namespace, name)?.status?.phase;
    if (phase !== undefined && phase !== "Pending") return;
    env.cluster.advance(1000);
  }
}

/** Gives the terminal to the debug container (-i/-t), as kubectl attaches once it runs. */
async function attach(
  env: KubectlEnv,
  pod: Pod,
  container: string,
  image: string,
  args: readonly string[],
  flags: Flags,
): Promise<number> {
  if (!flags.bool("stdin") && !flags.bool("tty")) return 0;
  if (!env.attachShell)
    throw new KubectlError("error: unable to attach: this terminal cannot attach to a container");
  const namespace = pod.metadata?.namespace ?? "default";
  const name = pod.metadata?.name ?? "";
  waitWhilePending(env, namespace, name);
  if (flags.bool("tty")) promptHint(env);
  // Like kubectl attach, debug ends with 0 once the session ends, whatever the shell returned.
  await env.attachShell({
    kind: "container",
    namespace,
    pod: name,
    container,
    node: "",
    image,
    ...(args.length > 0 ? { command: [...args] } : {}),
    interactive: true,
  });
  return 0;
}

/** An ephemeral container added through the pod's ephemeralcontainers subresource. */
async function debugEphemeral(
  env: KubectlEnv,
  pod: Pod,
  request: PodDebugRequest,
): Promise<number> {
  const { flags, args } = request;
  const name = debugContainerName(env, pod, flags);
  const container: EphemeralContainer = {
    name,
    image: request.image ?? "",
    resources: {},
    terminationMessagePolicy: "File",
    ...(args.length > 0
      ? flags.bool("arguments-only")
        ? { args: [...args] }
        : { command: [...args] }
      : {}),
    ...(flags.bool("stdin") ? { stdin: true } : {}),
    ...(flags.bool("tty") ? { tty: true } : {}),
    ...(flags.has("target") ? { targetContainerName: flags.string("target") } : {}),
  };
  const spec = pod.spec ?? { containers: [] };
  const updated: Pod = {
    ...pod,
    spec: { ...spec, ephemeralContainers: [...(spec.ephemeralContainers ?? []), container] },
  };
  apiCall(() => env.cluster.updateObject("pods", updated));
  return attach(env, updated, name, container.image ?? "", args, flags);
}

/** A copy of the pod (labels and annotations kept, off its node) with one container changed or added. */
async function debugByCopy(env: KubectlEnv, pod: Pod, request: PodDebugRequest): Promise<number> {
  const { flags, args } = request;
  const copyName = flags.string("copy-to");
  const spec = structuredClone(pod.spec ?? { containers: [] });
  delete spec.ephemeralContainers;
  if (!flags.bool("same-node")) delete spec.nodeName;
  if (flags.has("share-processes")) spec.shareProcessNamespace = flags.bool("share-processes");
  const wanted = flags.string("container");
  let container: Container | undefined = spec.containers.find((c) => c.name === wanted);
  if (!container) {
    if (request.image === undefined)
      throw plainError("you must specify image when creating new container");
    const name = debugContainerName(env, { ...pod, spec }, flags);
    container = { name, terminationMessagePolicy: "File" };
    spec.containers.push(container);
  }
  if (args.length > 0) {
    if (flags.bool("arguments-only")) container.args = [...args];
    else {
      container.command = [...args];
      delete container.args;
    }
  }
  if (request.image !== undefined) container.image = request.image;
  container.stdin = flags.bool("stdin");
  container.tty = flags.bool("tty");
  const copy: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: copyName,
      namespace: pod.metadata?.namespace ?? request.namespace,
      ...(pod.metadata?.annotations ? { annotations: { ...pod.metadata.annotations } } : {}),
      ...(pod.metadata?.labels ? { labels: { ...pod.metadata.labels } } : {}),
    },
    spec,
  };
  const created = apiCall(() => env.cluster.create("pods", copy));
  if (flags.bool("replace"))
    apiCall(() =>
      env.cluster.deletePod(request.namespace, request.podName, { gracePeriodSeconds: 0 }),
    );
  return attach(env, created, container.name, container.image ?? "", args, flags);
}

export async function runPodDebug(env: KubectlEnv, request: PodDebugRequest): Promise<number> {
  const { flags } = request;
  const copying = flags.string("copy-to") !== "";
  if (!copying) {
    if (flags.has("replace")) throw plainError("--replace may only be used with --copy-to.");
    if (flags.has("same-node")) throw plainError("--same-node may only be used with --copy-to.");
  }
  if (flags.has("target") && flags.string("target") !== "") {
    if (copying)
      throw plainError("--target is incompatible with --copy-to. Use --share-processes instead.");
    if (!flags.bool("quiet"))
      env.stdout(
        `Targeting container "${flags.string("target")}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`,
      );
  }
  if (flags.bool("tty") && !flags.bool("stdin"))
    throw plainError("-i/--stdin is required for containers with -t/--tty=true");
  if (!flags.has("profile"))
    env.stderr(
      '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n',
    );
  const { type } = request;
  // The resource builder fetches the object first, so a missing one is NotFound whatever its kind.
  const pod = getObject(env, type, request.namespace, request.podName) as Pod;
  if (type.plural !== "pods")
    throw plainError(`"${type.group}/${type.version}, Kind=${type.kind}" not supported by debug`);
  return copying ? debugByCopy(env, pod, request) : debugEphemeral(env, pod, request);
}
