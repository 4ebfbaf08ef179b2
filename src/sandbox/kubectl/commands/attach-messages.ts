/** What kubectl writes to stderr before it attaches a terminal (`-t`) to a container. */
import type { KubectlEnv } from "../env.ts";

export function promptHint(env: KubectlEnv): void {
  if (!env.isTTY)
    env.stderr("Unable to use a TTY - input is not a terminal or the right kind of file\n");
  env.stderr("If you don't see a command prompt, try pressing enter.\n");
}
