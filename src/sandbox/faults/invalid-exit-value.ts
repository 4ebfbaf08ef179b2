/**
 * Invalid exit value: the application itself ends with status 128, either by exit(128) or by an
 * out-of-range value the kernel wraps modulo 256 (Python sys.exit(-128), Node process.exit(-128),
 * bash `exit 384`). The container ran, so Kubernetes shows reason Error (not StartError), a real
 * startedAt, exitCode 128 and whatever the program logged; `logs --previous` explains it.
 */
import type { FaultModule } from "./fault.ts";
import { catalogueImage } from "./fault.ts";

const CALL: Readonly<Record<string, (value: number) => string>> = {
  python: (v) => `sys.exit(${v})`,
  node: (v) => `process.exit(${v})`,
  go: (v) => `os.Exit(${v})`,
  bash: (v) => `exit ${v}`,
  java: (v) => `System.exit(${v})`,
};

export const invalidExitValue: FaultModule<"invalid-exit-value"> = {
  type: "invalid-exit-value",
  nodeScoped: false,
  symptom:
    "Every replica on every node ends with Error and exit code 128 a few seconds after starting; the previous container's logs show the program's own fatal message.",
  prepare(spec, fault) {
    const image = catalogueImage(spec, fault.image);
    const call = (CALL[fault.language] ?? CALL["python"] ?? ((v: number) => String(v)))(
      fault.exitValue,
    );
    image.process = {
      ...image.process,
      exitValue: fault.exitValue,
      runSeconds: 2,
      // The program's start-up lines, then its own fatal error just before it exits.
      logs: [
        ...image.process.logs.filter((line) => line.atSeconds < 1),
        { atSeconds: 1, text: "ERROR: required setting DATABASE_URL is empty", stream: "stderr" },
        { atSeconds: 1, text: `fatal: configuration invalid, calling ${call}`, stream: "stderr" },
      ],
    };
  },
};
