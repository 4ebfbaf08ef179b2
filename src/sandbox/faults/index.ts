/** The fault catalogue, by the `type` a scenario names. */
import type { FaultSpec } from "../../schemas/scenario.ts";
import { cgroupFailure } from "./cgroup-failure.ts";
import { commandNotFound } from "./command-not-found.ts";
import { execFailure } from "./exec-failure.ts";
import type { FaultModule } from "./fault.ts";
import { gitInitContainer } from "./git-init-container.ts";
import { invalidExitValue } from "./invalid-exit-value.ts";
import { oomKilled } from "./oom-killed.ts";
import { pidLimit } from "./pid-limit.ts";
import { resourcePressure } from "./resource-pressure.ts";
import { runtimeFailure } from "./runtime-failure.ts";
import { sigterm } from "./sigterm.ts";

export type { FaultModule } from "./fault.ts";

const MODULES = [
  invalidExitValue,
  execFailure,
  runtimeFailure,
  pidLimit,
  cgroupFailure,
  resourcePressure,
  gitInitContainer,
  oomKilled,
  sigterm,
  commandNotFound,
] as const;

export function faultModule(type: FaultSpec["type"]): FaultModule {
  const found = MODULES.find((m) => m.type === type);
  if (!found) throw new Error(`unknown fault type "${type}"`);
  return found as FaultModule;
}

export function listFaults(): readonly FaultModule[] {
  return MODULES as readonly FaultModule[];
}
