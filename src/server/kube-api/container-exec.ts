/**
 * What `kubectl exec`, `attach` and `debug -it` reach through the API's streaming endpoints: the
 * same container shells the built-in terminal opens (src/sandbox/shell/container-shell.ts), so a
 * node debug pod has the node's root at /host whichever kubectl created it.
 */
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { Cluster } from "../../sandbox/cluster/cluster.ts";
import { SeededRandom } from "../../sandbox/cluster/random.ts";
import type { AttachSpec } from "../../sandbox/kubectl/index.ts";
import { containerShell, runContainerCommand } from "../../sandbox/shell/container-shell.ts";
import type { Shell } from "../../sandbox/shell/shell.ts";
import type { ExecIo, ExecRequest, ExecRunner } from "./streams.ts";

const SHELL_PROGRAM = /^(?:\/(?:usr\/)?bin\/)?(?:ba)?sh$/;
const EXIT = /^\s*exit(?:\s+(\d+))?\s*$/;

/** The AttachSpec kubectl's request stands for: a node debug pod runs on the host's namespaces. */
export function attachSpecOf(pod: Pod | undefined, request: ExecRequest): AttachSpec {
  const container = pod?.spec?.containers.find((c) => c.name === request.container);
  const nodeDebug =
    pod?.spec?.hostPID === true &&
    pod.spec.hostNetwork === true &&
    (pod.metadata?.name ?? "").startsWith("node-debugger-");
  const command =
    request.kind === "exec"
      ? request.command
      : [...(container?.command ?? []), ...(container?.args ?? [])];
  return {
    kind: nodeDebug ? "node-debug" : "container",
    namespace: request.namespace,
    pod: request.pod,
    container: request.container,
    node: pod?.spec?.nodeName ?? "",
    image: container?.image ?? "",
    ...(command.length > 0 ? { command } : {}),
    interactive: request.stdin,
  };
}

/**
 * An interactive shell over the stream: the client's terminal is raw, so this echoes keystrokes,
 * handles backspace and runs each line at Enter, until `exit` or the client leaves.
 */
function interactive(shell: Shell, io: ExecIo, tty: boolean): Promise<number> {
  return new Promise((resolve) => {
    let line = "";
    let busy = Promise.resolve();
    const newline = tty ? "\r\n" : "\n";
    const out = (text: string): void => io.stdout(tty ? text.replace(/\r?\n/g, "\r\n") : text);
    if (tty) io.stdout(shell.prompt());
    io.signal.addEventListener("abort", () => resolve(0), { once: true });
    io.onStdin((data) => {
      for (const ch of data) {
        if (ch === "\r" || ch === "\n") {
          const entered = line;
          line = "";
          if (tty) io.stdout(newline);
          busy = busy.then(async () => {
            const exit = EXIT.exec(entered);
            if (exit) {
              if (tty) io.stdout(`exit${newline}`);
              resolve(Number(exit[1] ?? "0"));
              return;
            }
            const result = await shell.run(entered, io.signal, out);
            out(result.stdout + result.stderr);
            if (tty) io.stdout(shell.prompt());
          });
        } else if (ch === "\u007f" || ch === "\b") {
          if (line.length > 0) {
            line = line.slice(0, -1);
            if (tty) io.stdout("\b \b");
          }
        } else if (ch === "\u0004" && line === "") {
          resolve(0);
        } else if (ch >= " ") {
          line += ch;
          if (tty) io.stdout(ch);
        }
      }
    });
  });
}

/** Runs one attach (a command, or an interactive shell) in a container shell of the cluster. */
export async function runAttached(
  cluster: Cluster,
  spec: AttachSpec,
  io: ExecIo,
  tty: boolean,
  seed = 0,
): Promise<number> {
  const random = new SeededRandom(seed);
  const shell = containerShell(spec, {
    cluster,
    clock: { now: () => cluster.clock.now(), advance: (ms) => cluster.advance(ms) },
    random: () => random.next(),
    openShell: (nested) => interactive(nested, io, tty),
    waitForInterrupt: () =>
      new Promise((resolve) => {
        if (io.signal.aborted) resolve();
        else io.signal.addEventListener("abort", () => resolve(), { once: true });
      }),
  });
  if (!shell) {
    io.stderr(`error: unable to upgrade connection: container not found ("${spec.container}")\n`);
    return 1;
  }
  const command = spec.command ?? [];
  const [program, ...rest] = command;
  const opensShell = program === undefined || (SHELL_PROGRAM.test(program) && rest.length === 0);
  if (!opensShell) {
    const result = await runContainerCommand(shell, command, io.signal, (text) => io.stdout(text));
    io.stdout(result.output);
    return result.exitCode;
  }
  // A shell with no stdin reads end-of-file at once and exits, as the container's would.
  if (!spec.interactive) return 0;
  return await interactive(shell, io, tty);
}

/** Runs exec/attach requests in the cluster's container shells. */
export function containerExecRunner(cluster: Cluster, seed = 0): ExecRunner {
  return (request, io) => {
    const pod = cluster.store.get<Pod>("pods", request.namespace, request.pod);
    return runAttached(cluster, attachSpecOf(pod, request), io, request.tty, seed);
  };
}
