/** Failures that end a kubectl command: the exact stderr text kubectl prints, and its exit status. */

export class KubectlError extends Error {
  override name = "KubectlError";
  readonly exitCode: number;
  /** What kubectl wrote to stdout before failing (a go-template's partial output and dump). */
  readonly stdout: string;

  /** `text` is printed to stderr as is (with a final newline added when missing). */
  constructor(text: string, exitCode = 1, stdout = "") {
    super(text);
    this.exitCode = exitCode;
    this.stdout = stdout;
  }
}

/** A command-line mistake, as cobra reports it: the error and where to find usage. */
export function usageError(command: string, message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee 'kubectl ${command} --help' for usage.`);
}

/** A failure kubectl reports as `error: ...`. */
export function plainError(message: string): KubectlError {
  return new KubectlError(`error: ${message}`);
}

/** `Error from server (Reason): message`, as kubectl prints an API Status. */
export function serverError(reason: string, message: string): KubectlError {
  return new KubectlError(`Error from server (${reason}): ${message}`);
}

export function notFound(resource: string, name: string): KubectlError {
  return serverError("NotFound", `${resource} "${name}" not found`);
}
