/** `kubectl exec [-it] POD [-c CONTAINER] -- COMMAND...`: runs the command through the shell's attach. */
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError, serverError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { NO_TTY_WARNING, rawTerminal } from "./attach-messages.ts";
import { attachablePod } from "./logs.ts";

export async function runExec(argv: readonly string[], env: KubectlEnv): Promise<number> {
  const parsed = parseArgs("exec", argv, [
    { name: "container", short: "c", type: "string" },
    { name: "stdin", short: "i", type: "bool" },
    { name: "tty", short: "t", type: "bool" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "filename", short: "f", type: "strings" },
    { name: "pod-running-timeout", type: "string" },
  ]);
  const flags = new Flags(parsed);
  const [target] = parsed.positional;
  if (target === undefined || parsed.dashAt === 0)
    throw plainError("pod, type/name or --filename must be specified");
  const command =
    parsed.dashAt === -1 ? parsed.positional.slice(1) : parsed.positional.slice(parsed.dashAt);
  if (command.length === 0)
    throw plainError("you must specify at least one command for the container");
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const pod = attachablePod(env, target, namespace);
  const podName = pod.metadata?.name ?? "";
  const containers = pod.spec?.containers ?? [];
  const container = flags.optionalString("container") ?? containers[0]?.name ?? "";
  if (!flags.has("container") && containers.length > 1) {
    env.stderr(
      `Defaulted container "${container}" out of: ${containers.map((c) => c.name).join(", ")}\n`,
    );
  }
  if (!containers.some((c) => c.name === container)) {
    throw plainError(`container ${container} is not valid for pod ${podName}`);
  }
  const status = pod.status?.containerStatuses?.find((s) => s.name === container);
  if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") {
    throw plainError(
      `cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`,
    );
  }
  if (!status?.state?.running) {
    throw serverError("BadRequest", `container ${container} is not running`);
  }
  if (!env.attachShell)
    throw new KubectlError(
      "error: unable to upgrade connection: this terminal cannot attach to a container",
    );
  // StreamOptions.SetupTTY: -t with -i asks for a raw terminal, which stdin must be.
  if (flags.bool("stdin") && flags.bool("tty") && !rawTerminal(env, true) && !flags.bool("quiet"))
    env.stderr(NO_TTY_WARNING);
  const exitCode = await env.attachShell({
    kind: "container",
    namespace,
    pod: podName,
    container,
    node: pod.spec?.nodeName ?? "",
    image: containers.find((c) => c.name === container)?.image ?? "",
    command,
    interactive: flags.bool("stdin") || flags.bool("tty"),
  });
  if (exitCode !== 0) env.stderr(`command terminated with exit code ${exitCode}\n`);
  return exitCode;
}
