/**
 * `kubectl run NAME --image=IMAGE [--restart=...] [--command] [-- ARGS...]`: creates the pod kubectl
 * builds (label run=NAME, dnsPolicy ClusterFirst), with --labels, --env, --port, --overrides,
 * --dry-run=client -o yaml, and -it [--rm] attaching the terminal to the container.
 */
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { PROMPT_HINT, promptHint, rawTerminal, reattachHint } from "./attach-messages.ts";
import { apiCall } from "../objects.ts";
import { toJson } from "../print/json.ts";
import { formatObjects, noWidePrinter, parseOutputFormat } from "../print/output.ts";
import { inStructOrder } from "../print/typed-order.ts";
import { deleteObject } from "./delete.ts";
import { resolveResourceType } from "../resources.ts";

function merge(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const base =
    typeof target === "object" && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  const merged = Object.entries(patch as Record<string, unknown>).reduce<Record<string, unknown>>(
    (acc, [key, value]) => (value === null ? acc : { ...acc, [key]: merge(acc[key], value) }),
    base,
  );
  // A JSON merge patch removes the keys it sets to null.
  return Object.fromEntries(
    Object.entries(merged).filter(([key]) => (patch as Record<string, unknown>)[key] !== null),
  );
}

/**
 * A pod that failed before kubectl could attach (a container that never started: StartError):
 * kubectl shows its logs instead, removes it with --rm, and ends with the container's exit code
 * and `pod NS/NAME terminated (REASON)` and the runtime's message (run.go's CodeExitError).
 */
function failedBeforeAttach(env: KubectlEnv, pod: Pod, remove: boolean): number {
  const namespace = pod.metadata?.namespace ?? "default";
  const name = pod.metadata?.name ?? "";
  const terminated = pod.status?.containerStatuses?.[0]?.state?.terminated;
  if (remove) {
    deleteObject(env, resolveResourceType("pods"), namespace, name, { wait: true });
    env.stdout(`pod "${name}" deleted\n`);
  }
  return exitOfFailedPod(namespace, name, terminated);
}

/** run.go's verdict on a Failed pod: its container's exit code with `terminated (REASON)`. */
function exitOfFailedPod(
  namespace: string,
  name: string,
  terminated: { exitCode: number; reason?: string; message?: string } | undefined,
): never {
  if (!terminated || terminated.exitCode === 0)
    throw plainError(`pod ${namespace}/${name} failed with unknown exit code`);
  throw new KubectlError(
    `pod ${namespace}/${name} terminated (${terminated.reason ?? ""})\n${terminated.message ?? ""}`,
    terminated.exitCode,
  );
}

const SEE_HELP = "See 'kubectl run -h' for help and examples";

export async function runRun(argv: readonly string[], env: KubectlEnv): Promise<number> {
  const parsed = parseArgs("run", argv, [
    { name: "image", type: "string" },
    { name: "restart", type: "string" },
    { name: "command", type: "bool" },
    { name: "labels", short: "l", type: "string" },
    { name: "env", type: "strings" },
    { name: "port", type: "string" },
    { name: "overrides", type: "string" },
    { name: "dry-run", type: "string" },
    { name: "output", short: "o", type: "string" },
    { name: "stdin", short: "i", type: "bool" },
    { name: "tty", short: "t", type: "bool" },
    { name: "rm", type: "bool" },
    { name: "attach", type: "bool" },
    { name: "image-pull-policy", type: "string" },
    { name: "annotations", type: "strings" },
    { name: "privileged", type: "bool" },
    { name: "quiet", short: "q", type: "bool" },
  ]);
  const flags = new Flags(parsed);
  const [name] = parsed.positional;
  if (name === undefined || (parsed.dashAt !== -1 && parsed.dashAt < 1))
    throw new KubectlError(`error: NAME is required for run\n${SEE_HELP}`);
  const image = flags.optionalString("image");
  if (image === undefined) throw plainError('required flag(s) "image" not set');
  if (flags.bool("tty") && !flags.bool("stdin"))
    throw new KubectlError(
      `error: -i/--stdin is required for containers with -t/--tty=true\n${SEE_HELP}`,
    );
  const rest = parsed.positional.slice(1);
  const interactive = flags.bool("stdin") || flags.bool("tty");
  const restart = flags.string("restart", "Always");
  if (!["Always", "OnFailure", "Never"].includes(restart))
    throw new KubectlError(`error: invalid restart policy: ${restart}\n${SEE_HELP}`);
  if (flags.bool("rm") && !interactive && !flags.bool("attach")) {
    throw new KubectlError(`error: --rm should only be used for attached containers\n${SEE_HELP}`);
  }
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const labels: Record<string, string> = {};
  for (const pair of (flags.optionalString("labels") ?? `run=${name}`).split(",")) {
    const [k = "", v = ""] = pair.split("=");
    labels[k] = v;
  }
  const container: Record<string, unknown> = { name, image, resources: {} };
  if (flags.bool("command")) {
    if (rest.length > 0) container["command"] = rest;
  } else if (rest.length > 0) container["args"] = rest;
  const envVars = flags.strings("env").map((pair) => {
    const eq = pair.indexOf("=");
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
  if (envVars.length > 0) container["env"] = envVars;
  const port = flags.optionalString("port");
  if (port) container["ports"] = [{ containerPort: Number(port) }];
  if (flags.has("image-pull-policy"))
    container["imagePullPolicy"] = flags.string("image-pull-policy");
  if (interactive) {
    container["stdin"] = true;
    if (flags.bool("stdin")) container["stdinOnce"] = true;
    if (flags.bool("tty")) container["tty"] = true;
  }
  let pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels },
    spec: {
      containers: [container as unknown as NonNullable<Pod["spec"]>["containers"][number]],
      restartPolicy: restart,
      dnsPolicy: "ClusterFirst",
    },
  };
  const overrides = flags.optionalString("overrides");
  if (overrides) {
    let patch: unknown;
    try {
      patch = JSON.parse(overrides);
    } catch {
      throw plainError("Invalid JSON Patch");
    }
    pod = merge(pod, patch) as Pod;
  }
  const dryRun = flags.optionalString("dry-run");
  if (dryRun === "client") {
    const format = parseOutputFormat(flags.optionalString("output"));
    if (format.kind === "table" && format.wide) throw noWidePrinter();
    const shown = { ...pod, metadata: { ...pod.metadata, creationTimestamp: null }, status: {} };
    if (format.kind === "table") env.stdout(`pod/${name} created (dry run)\n`);
    else if (format.kind === "json") env.stdout(toJson(inStructOrder(shown), false));
    else env.stdout(formatObjects(format, [shown as unknown as Pod], true, false));
    return 0;
  }
  const created = apiCall(() =>
    env.cluster.create("pods", { ...pod, metadata: { ...pod.metadata, namespace } }),
  );
  if (!interactive) {
    env.stdout(`pod/${created.metadata.name ?? name} created\n`);
    return 0;
  }
  // podRunningAndReady: kubectl attaches to a running, ready pod, or stops at a finished one.
  for (let waited = 0; waited < 60; waited++) {
    const current = env.cluster.store.get<Pod>("pods", namespace, name);
    const phase = current?.status?.phase;
    const ready = current?.status?.conditions?.some(
      (c) => c.type === "Ready" && c.status === "True",
    );
    if (phase === "Succeeded" || phase === "Failed" || (phase === "Running" && ready)) break;
    env.cluster.advance(1000);
  }
  const current = env.cluster.store.get<Pod>("pods", namespace, name);
  if (current?.status?.phase === "Failed")
    return failedBeforeAttach(env, current, flags.bool("rm"));
  if (!env.attachShell)
    throw new KubectlError("error: unable to attach: this terminal cannot attach to a container");
  // attach.go prints the hint for any attached session, -i alone too, unless --quiet.
  if (!flags.bool("quiet")) {
    if (flags.bool("tty")) promptHint(env);
    else if (flags.bool("stdin")) env.stderr(PROMPT_HINT);
  }
  const command = [
    ...((container["command"] as string[] | undefined) ?? []),
    ...((container["args"] as string[] | undefined) ?? []),
  ];
  const exitCode = await env.attachShell({
    kind: "container",
    namespace,
    pod: name,
    container: name,
    node: current?.spec?.nodeName ?? "",
    image,
    ...(command.length > 0 ? { command } : {}),
    interactive: true,
  });
  // The attached shell was the container's main process: it has ended, and the kubelet restarts
  // the container or not as the pod's restart policy says.
  env.cluster.attachedProcessExited?.(namespace, name, name, exitCode);
  if (
    flags.bool("stdin") &&
    rawTerminal(env, flags.bool("tty")) &&
    restart === "Always" &&
    !flags.bool("quiet")
  )
    reattachHint(env, name, name);
  // With Never or OnFailure kubectl waits for the pod to finish and ends with its container's exit
  // code. The attached process's status is that code (the cluster's record of the container is
  // used only when it agrees: an interactive shell left with `exit N` is not in the model).
  const waitForExitCode = restart === "Never" || restart === "OnFailure";
  const recorded = env.cluster.store.get<Pod>("pods", namespace, name)?.status
    ?.containerStatuses?.[0]?.state?.terminated;
  const finished =
    recorded?.exitCode === exitCode
      ? recorded
      : { exitCode, reason: exitCode === 0 ? "Completed" : "Error" };
  if (flags.bool("rm")) {
    deleteObject(env, resolveResourceType("pods"), namespace, name, { wait: true });
    env.stdout(`pod "${name}" deleted\n`);
  }
  if (!waitForExitCode || finished.exitCode === 0) return waitForExitCode ? 0 : exitCode;
  return exitOfFailedPod(namespace, name, finished);
}
