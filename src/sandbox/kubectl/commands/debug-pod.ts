/**
 * `kubectl debug POD`: an ephemeral debug container added to the running pod (`--image`,
 * `--target` to share a container's process namespace), or with `--copy-to=NAME` a copy of the pod
 * with one container changed or added (the classic way to get a shell in an image whose entrypoint
 * fails: `--container=app -- sh`). Messages and the containers built are kubectl 1.32's
 * (pkg/cmd/debug: generateDebugContainer, generatePodCopyWithDebugContainer).
 */
import type {
  Container,
  ContainerStatus,
  EphemeralContainer,
  Pod,
} from "kubernetes-types/core/v1.d.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import type { Flags } from "../flags.ts";
import { apiCall, getObject } from "../objects.ts";
import type { ResourceType } from "../resources.ts";
import { promptHint, rawTerminal } from "./attach-messages.ts";
import { waitForAbort } from "./wait.ts";

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

function containerStatus(
  env: KubectlEnv,
  namespace: string,
  podName: string,
  container: string,
): ContainerStatus | undefined {
  const status = env.cluster.store.get<Pod>("pods", namespace, podName)?.status;
  return [
    ...(status?.initContainerStatuses ?? []),
    ...(status?.containerStatuses ?? []),
    ...(status?.ephemeralContainerStatuses ?? []),
  ].find((s) => s.name === container);
}

/**
 * kubectl's waitForContainer: it watches the pod until the debug container runs or has
 * terminated, warning once per waiting message (an image it cannot pull, a runtime that cannot
 * start it). The watch has no timeout: after a minute of virtual time a container still waiting
 * (a hung runtime never reports one) keeps kubectl waiting until Ctrl-C. Undefined then.
 */
async function waitForContainer(
  env: KubectlEnv,
  namespace: string,
  podName: string,
  container: string,
  quiet: boolean,
): Promise<ContainerStatus | undefined> {
  let warned: string | undefined;
  for (let waited = 0; waited <= 60; waited++) {
    const status = containerStatus(env, namespace, podName, container);
    if (status?.state?.running || status?.state?.terminated) return status;
    const message = status?.state?.waiting?.message;
    if (!quiet && message !== undefined && message !== "" && message !== warned) {
      env.stderr(`Warning: container ${container}: ${message}\n`);
      warned = message;
    }
    env.cluster.advance(1000);
  }
  await waitForAbort(env.signal);
  return undefined;
}

/**
 * Gives the terminal to the debug container, as kubectl's handleAttachPod does once it runs:
 * a container that has already terminated gets its logs printed instead; when the session ends,
 * the container's process (the shell or command attached) has ended with its status, and a
 * raw terminal on a pod that restarts its containers is told how to come back (attach.go
 * reattachMessage). Returns 1 when Ctrl-C ended the wait, as kubectl's interrupt handler exits.
 */
async function attach(
  env: KubectlEnv,
  pod: Pod,
  container: string,
  image: string,
  args: readonly string[],
  flags: Flags,
  ephemeral: boolean,
): Promise<number> {
  const attaching = flags.has("attach") ? flags.bool("attach") : flags.bool("stdin");
  if (!attaching) return 0;
  if (!env.attachShell)
    throw new KubectlError("error: unable to attach: this terminal cannot attach to a container");
  const namespace = pod.metadata?.namespace ?? "default";
  const name = pod.metadata?.name ?? "";
  const quiet = flags.bool("quiet");
  const status = await waitForContainer(env, namespace, name, container, quiet);
  if (status === undefined) return 1;
  if (status.state?.terminated) {
    for (const line of env.cluster.podLogs(namespace, name, container))
      env.stdout(`${line.text}\n`);
    return 0;
  }
  if (flags.bool("tty")) promptHint(env);
  const exitStatus = await env.attachShell({
    kind: "container",
    namespace,
    pod: name,
    container,
    node: "",
    image,
    ...(args.length > 0 ? { command: [...args] } : {}),
    interactive: flags.bool("stdin"),
  });
  env.cluster.attachedProcessExited?.(namespace, name, container, exitStatus);
  const restarts = (pod.spec?.restartPolicy ?? "Always") === "Always";
  if (!quiet && flags.bool("stdin") && rawTerminal(env, flags.bool("tty")) && restarts) {
    env.stdout(
      ephemeral
        ? `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${name} -c ${container} -i -t' if it is still running\n`
        : `Session ended, resume using 'kubectl attach ${name} -c ${container} -i -t' command when the pod is running\n`,
    );
  }
  // Like kubectl attach, debug ends with 0 once the session ends, whatever the shell returned.
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
  const stored = apiCall(() => env.cluster.updateObject("pods", updated));
  return attach(env, stored, name, container.image ?? "", args, flags, true);
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
  return attach(env, created, container.name, container.image ?? "", args, flags, false);
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
