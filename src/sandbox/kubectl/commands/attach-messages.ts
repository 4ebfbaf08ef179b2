/** What kubectl writes around a session attached to a container (`-i`, `-t`). */
import type { KubectlEnv } from "../env.ts";

/** term.TTY's Raw: a TTY was asked for and kubectl's stdin is a terminal. */
export function rawTerminal(env: KubectlEnv, tty: boolean): boolean {
  return tty && (env.stdinIsTerminal ?? env.isTTY);
}

export const PROMPT_HINT = "If you don't see a command prompt, try pressing enter.\n";
export const NO_TTY_WARNING =
  "Unable to use a TTY - input is not a terminal or the right kind of file\n";

/** Before attaching a terminal (`-t`): the warning when stdin is no terminal, then the hint. */
export function promptHint(env: KubectlEnv): void {
  if (!rawTerminal(env, true)) env.stderr(NO_TTY_WARNING);
  env.stderr(PROMPT_HINT);
}

/**
 * attach.go's reattachMessage after the session: with -i on a raw terminal and a pod that
 * restarts its containers (restartPolicy Always), how to come back; on stdout, before --rm
 * deletes the pod. An ephemeral container is never restarted, and says so.
 */
export function reattachHint(
  env: KubectlEnv,
  pod: string,
  container: string,
  ephemeral = false,
): void {
  env.stdout(
    ephemeral
      ? `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${pod} -c ${container} -i -t' if it is still running\n`
      : `Session ended, resume using 'kubectl attach ${pod} -c ${container} -i -t' command when the pod is running\n`,
  );
}
