/**
 * The labs as the site shows them, read at build time from labs/ (the build runs from the project
 * root). Labels for causes and difficulty live here so the list and the lab page agree.
 */
import { resolve } from "node:path";
import type { CauseId, Lab } from "../../schemas/lab.ts";
import { loadLabFiles, loadLabs } from "../../grading/lab/load-labs.ts";

const LABS_DIR = resolve("labs");

export function siteLabs(): Lab[] {
  return loadLabs(LABS_DIR);
}

export function labFiles(lab: Lab): Map<string, string> {
  return loadLabFiles(lab, LABS_DIR);
}

export const causeLabels: Readonly<Record<CauseId | "seeded", string>> = {
  "invalid-exit-value": "Invalid exit value",
  "exec-failure": "Exec failure",
  "runtime-failure": "Container runtime failure",
  "pid-limit": "PID limit",
  "cgroup-failure": "cgroup failure",
  "resource-pressure": "Resource pressure",
  "git-init-container": "git in an init container",
  seeded: "Any (the seed decides)",
};
