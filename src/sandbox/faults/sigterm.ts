/**
 * Healthy contrast, 143: the process is ended by SIGTERM (15), the normal end of a pod on
 * deletion, rollout or eviction; the status is 128 + 15 with reason Error. Not a 128.
 */
import type { FaultModule } from "./fault.ts";
import { catalogueImage } from "./fault.ts";

export const sigterm: FaultModule<"sigterm"> = {
  type: "sigterm",
  nodeScoped: false,
  symptom:
    "Containers end with reason Error and exit code 143 after logging that they received SIGTERM.",
  prepare(spec, fault) {
    const image = catalogueImage(spec, fault.image);
    image.process = {
      ...image.process,
      exitValue: 0,
      signal: 15,
      runSeconds: 30,
      logs: [
        { atSeconds: 0, text: "server listening on :8080", stream: "stdout" },
        { atSeconds: 30, text: "received SIGTERM, exiting", stream: "stdout" },
      ],
    };
  },
};
