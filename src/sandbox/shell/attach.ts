/**
 * What kubectl asks of the shell when it attaches a terminal to a container: which container,
 * on which node, and what it runs. The shell answers with a nested shell in that container.
 */
export interface AttachSpec {
  /** `node-debug`: a `kubectl debug node/...` pod (host namespaces, the node's root at /host). */
  readonly kind: "node-debug" | "container";
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** The node the container runs on. */
  readonly node: string;
  readonly image: string;
  /** kubectl debug's --profile (`legacy`, `general`, `sysadmin`, ...). */
  readonly profile?: string;
  /** The command after `--`; absent: the image's shell, interactive. */
  readonly command?: readonly string[];
  /** -i/-t given: the learner's keystrokes go to the container until it exits. */
  readonly interactive: boolean;
}
