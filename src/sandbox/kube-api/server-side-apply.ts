/**
 * The API facade's side of server-side apply: the PatchOptions an apply needs and the manager a
 * plain write is recorded under. The merge and field ownership themselves are the cluster's
 * (src/sandbox/cluster/server-side-apply.ts), shared with the built-in kubectl.
 */
import { ApiError } from "./status.ts";

/** PatchOptions validation for an apply (apimachinery ValidatePatchOptions). */
export function checkApplyOptions(query: URLSearchParams): { manager: string; force: boolean } {
  const manager = query.get("fieldManager") ?? "";
  if (manager === "") {
    throw new ApiError(
      "Invalid",
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      { group: "meta.k8s.io", kind: "PatchOptions" },
    );
  }
  return { manager, force: query.get("force") === "true" };
}

/** The manager of a non-apply write: fieldManager, else the User-Agent's program name. */
export function updateManager(query: URLSearchParams, userAgent: string): string {
  const explicit = query.get("fieldManager");
  if (explicit) return explicit;
  const program = userAgent.split("/")[0] ?? "";
  return program === "" ? "unknown" : program;
}
