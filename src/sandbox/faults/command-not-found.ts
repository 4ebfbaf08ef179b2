/**
 * Healthy contrast, 127: the entrypoint is a shell (`sh -c "serve"`) and the shell cannot find
 * the command. The shell started, so the runtime reports the shell's own status 127 with reason
 * Error, and the logs hold the shell's "not found" line. Not a 128: exec of the shell succeeded.
 */
import type { FaultModule } from "./fault.ts";
import { catalogueImage } from "./fault.ts";

export const commandNotFound: FaultModule<"command-not-found"> = {
  type: "command-not-found",
  nodeScoped: false,
  symptom:
    "Containers end at once with reason Error and exit code 127; the logs say '/bin/sh: 1: serve: not found'.",
  prepare(spec, fault) {
    const image = catalogueImage(spec, fault.image);
    image.entrypoint = ["/bin/sh", "-c"];
    image.cmd = [fault.command];
    image.shell = true;
    image.process = {
      ...image.process,
      exitValue: 127,
      runSeconds: 0,
      logs: [{ atSeconds: 0, text: `/bin/sh: 1: ${fault.command}: not found`, stream: "stderr" }],
    };
  },
};
