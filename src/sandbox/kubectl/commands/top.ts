/** `kubectl top`: the sandbox, like a kind cluster, runs no metrics-server. */
import type { KubectlEnv } from "../env.ts";
import { KubectlError } from "../errors.ts";
import { parseArgs } from "../flags.ts";

export function runTop(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("top", argv, [
    { name: "all-namespaces", short: "A", type: "bool" },
    { name: "selector", short: "l", type: "string" },
    { name: "containers", type: "bool" },
    { name: "sort-by", type: "string" },
    { name: "no-headers", type: "bool" },
    { name: "use-protocol-buffers", type: "bool" },
    { name: "show-capacity", type: "bool" },
  ]);
  const [sub] = parsed.positional;
  if (
    sub !== "node" &&
    sub !== "nodes" &&
    sub !== "no" &&
    sub !== "pod" &&
    sub !== "pods" &&
    sub !== "po"
  ) {
    env.stdout(
      'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse "kubectl top <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
    );
    return 0;
  }
  throw new KubectlError("error: Metrics API not available");
}
