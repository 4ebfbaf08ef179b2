/**
 * What the built-in kubectl needs from its surroundings. The shell (or a test) builds a KubectlEnv;
 * kubectl never touches a real process, file or network.
 */
import type { KubeObject, ObjectStore } from "../cluster/store.ts";

/** One line a container wrote, as the kubelet keeps it (kubectl adds the timestamp on --timestamps). */
export interface ContainerLogLine {
  timeMs: number;
  text: string;
}

/**
 * The parts of the simulated cluster kubectl drives; src/sandbox/cluster/cluster.ts's Cluster
 * provides them. Methods throw the store's StoreError or the kubelet's LogsError, whose messages
 * are the API server's, and kubectl prints them as `Error from server (Reason): message`.
 */
export interface KubectlCluster {
  readonly store: ObjectStore;
  readonly clock: { now(): number };
  readonly random: { suffix(length: number): string };
  /** Moves virtual time and runs what is due: kubectl waits this way (delete, drain, rollout status). */
  advance(ms: number): void;
  /** Calls the listener whenever virtual time has moved; returns the unsubscribe function. */
  onAdvance?(listener: () => void): () => void;
  /** Creates an object as the API server does (admission defaults for pods). */
  create<T extends KubeObject>(resource: string, object: T): T;
  /** Replaces an object (PUT or an applied patch). */
  updateObject<T extends KubeObject & { spec?: unknown }>(resource: string, object: T): T;
  /** A pod's graceful deletion (or immediate, with gracePeriodSeconds 0). */
  deletePod(namespace: string, name: string, options?: { gracePeriodSeconds?: number }): unknown;
  /** The Eviction subresource, as drain uses it. */
  evictPod(namespace: string, name: string): void;
  /**
   * The session attached to a container's interactive shell (its main process) ended with that
   * status: the container terminates, and restarts as the pod's policy says.
   */
  attachedProcessExited?(
    namespace: string,
    pod: string,
    container: string,
    exitStatus: number,
  ): boolean;
  cordon(node: string): void;
  uncordon(node: string): void;
  podLogs(
    namespace: string,
    pod: string,
    container: string | undefined,
    options?: { previous?: boolean },
  ): readonly ContainerLogLine[];
}

/**
 * An interactive session in a container (`debug node/... -it`, `exec -it`, `run -it`). The same
 * shape as the shell's AttachSpec (src/sandbox/shell/attach.ts), which provides the session.
 */
export interface AttachSpec {
  /** `node-debug`: a `kubectl debug node/...` pod (host namespaces, the node's root at /host). */
  readonly kind: "node-debug" | "container";
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly node: string;
  readonly image: string;
  readonly profile?: string;
  /** The command after `--`; absent: the image's shell. */
  readonly command?: readonly string[];
  /** -i/-t given: the learner's keystrokes go to the container until it exits. */
  readonly interactive: boolean;
}

/** A document handed to the editor pane by `kubectl edit`. */
export interface EditRequest {
  /** A file name the editor can show, as kubectl's temporary file: `kubectl-edit-<n>.yaml`. */
  fileName: string;
  content: string;
}

export interface KubectlEnv {
  cluster: KubectlCluster;
  stdout(text: string): void;
  stderr(text: string): void;
  /** A file of the session's filesystem for `-f`: undefined (or a throw) when it does not exist. */
  readFile(path: string): Promise<string | undefined> | string | undefined;
  /**
   * The names of the regular files in a directory of the session's filesystem (for
   * `create secret --from-file=DIR`); undefined when the path is not a directory.
   */
  readDirectory?:
    | ((path: string) => Promise<readonly string[] | undefined> | readonly string[] | undefined)
    | undefined;
  /** The current context's namespace; `default` when not given. */
  namespace?: string | undefined;
  columns: number;
  /** kubectl's stdout is a terminal (colours, streaming). */
  isTTY: boolean;
  /**
   * kubectl's stdin is a terminal, so `-t` gets a raw TTY (term.TTY IsTerminalIn); isTTY when
   * not given. A command of a `;` list reads the terminal even when its output is collected.
   */
  stdinIsTerminal?: boolean | undefined;
  /** Fires on Ctrl-C: ends `get -w`, `logs -f` and other waits. */
  signal: AbortSignal;
  /** Opens the browser's editor pane; resolves to the saved text, or undefined when cancelled. */
  openEditor?: ((request: EditRequest) => Promise<string | undefined>) | undefined;
  /** Runs an interactive session in a container; resolves to its exit status. */
  attachShell?: ((spec: AttachSpec) => Promise<number>) | undefined;
}
