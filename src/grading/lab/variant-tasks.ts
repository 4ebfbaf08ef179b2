/**
 * A seeded lab shares its tasks across variants, but a fix is only a fix for its own cause: the
 * variant's `taskChecks` are appended to the shared task's checks, so a run grades exactly the
 * checks its cause needs (e.g. the node variants' repair, not just pods that moved elsewhere).
 */
import type { Lab, Task, Variant } from "../../schemas/lab.ts";

/** The lab's tasks with the variant's extra checks appended after each task's own checks. */
export function tasksForVariant(lab: Lab, variant: Variant): Task[] {
  return lab.tasks.map((task) => {
    const extra = variant.taskChecks[task.id];
    return extra === undefined ? task : { ...task, checks: [...task.checks, ...extra] };
  });
}

/** The lab as a run of this variant grades it. */
export function labForVariant(lab: Lab, variant: Variant): Lab {
  return { ...lab, tasks: tasksForVariant(lab, variant) };
}
