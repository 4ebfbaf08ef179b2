/**
 * `kubectl attach (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t]`: joins the container's main process
 * (its shell, when it reads the terminal), with attach.go's checks, prompt hint and, for a raw
 * terminal on a pod that restarts its containers, the "Session ended" line.
 */
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { PROMPT_HINT, promptHint, rawTerminal, reattachHint } from "./attach-messages.ts";
import { attachablePod } from "./logs.ts";

export async function runAttach(argv: readonly string[], env: KubectlEnv): Promise<number> {
  const parsed = parseArgs("attach", argv, [
    { name: "container", short: "c", type: "string" },
    { name: "stdin", short: "i", type: "bool" },
    { name: "tty", short: "t", type: "bool" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "pod-running-timeout", type: "string" },
  ]);
  const flags = new Flags(parsed);
  const [target] = parsed.positional;
  if (target === undefined) throw plainError("at least 1 argument is required for attach");
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const pod = attachablePod(env, target, namespace);
  const podName = pod.metadata?.name ?? "";
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed")
    throw plainError(`cannot attach a container in a completed pod; current phase is ${phase}`);
  const name = flags.optionalString("container") ?? pod.spec?.containers[0]?.name ?? "";
  // podcmd.FindContainerByName: containers, then init, then ephemeral containers.
  const ephemeral = pod.spec?.ephemeralContainers?.find((c) => c.name === name);
  const container =
    [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
      (c) => c.name === name,
    ) ?? ephemeral;
  if (!container)
    throw plainError(
      `cannot attach to the container: container ${name} not found in pod ${podName}`,
    );
  // The kubelet attaches to a running container only (GetAttach: container not found).
  const status = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ].find((c) => c.name === name);
  if (!status?.state?.running)
    throw plainError(`unable to upgrade connection: container not found ("${name}")`);
  if (!env.attachShell)
    throw new KubectlError("error: unable to attach: this terminal cannot attach to a container");
  const stdin = flags.bool("stdin");
  const quiet = flags.bool("quiet");
  if (!quiet) {
    if (flags.bool("tty") && stdin) promptHint(env);
    else env.stderr(PROMPT_HINT);
  }
  const command = [...(container.command ?? []), ...(container.args ?? [])];
  const exitCode = await env.attachShell({
    kind: "container",
    namespace,
    pod: podName,
    container: name,
    node: pod.spec?.nodeName ?? "",
    image: container.image ?? "",
    ...(command.length > 0 ? { command } : {}),
    interactive: stdin,
  });
  if (stdin) env.cluster.attachedProcessExited?.(namespace, podName, name, exitCode);
  const restarts = (pod.spec?.restartPolicy ?? "Always") === "Always";
  if (stdin && rawTerminal(env, flags.bool("tty")) && restarts && !quiet)
    reattachHint(env, podName, name, container === ephemeral);
  return 0;
}
