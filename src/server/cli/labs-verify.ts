/**
 * `npm run labs:verify`: every lab proves itself. For each lab and three seeds of each of its
 * variants, the solution must complete every task, and each wrong path (nothing done, a
 * plausible wrong fix) must leave at least one task undone: the tasks it names in `rejectedBy` when
 * it names some. One line per lab; exit status 1 on any
 * failure. `--lab ID` verifies one lab; `--verbose` prints the transcript of a failing run.
 */
import { parseArgs } from "node:util";
import { createLabSession } from "../../grading/lab/create-lab-run.ts";
import type { TaskStatus } from "../../grading/lab/evaluate.ts";
import type { LabRunWithFiles } from "../../grading/lab/create-lab-run.ts";
import { variantFor } from "../../grading/lab/lab-run.ts";
import { loadLabs } from "../../grading/lab/load-labs.ts";
import type { Lab } from "../../schemas/lab.ts";

interface Outcome {
  readonly statuses: readonly TaskStatus[];
  readonly transcript: string;
}

/** Types the lines chosen from a fresh run into its terminal and grades the result. */
async function play(
  labId: string,
  seed: number,
  choose: (run: LabRunWithFiles) => readonly string[],
): Promise<Outcome> {
  const { run, session } = createLabSession(labId, seed);
  let transcript = "";
  try {
    for (const line of choose(run)) {
      const { output, exitCode } = await session.runLine(line);
      transcript += `$ ${line}\n${output}${output === "" || output.endsWith("\n") ? "" : "\n"}`;
      if (exitCode !== 0) transcript += `[exit ${exitCode}]\n`;
    }
    return { statuses: run.status(), transcript };
  } finally {
    session.dispose();
  }
}

/** Three seeds of every variant: the seed modulo the number of variants picks one (variantFor). */
export function seedsFor(lab: Lab): number[] {
  return Array.from({ length: 3 * lab.variants.length }, (_, i) => i + 1);
}

function undone(statuses: readonly TaskStatus[]): string[] {
  return statuses.filter((s) => !s.done).map((s) => `${s.id} (${s.stillWrong.join(" ")})`);
}

/**
 * What a wrong path got through that it must not: the named tasks it completed, or "every task"
 * when it names none and left nothing undone. Empty when the checks rejected it.
 */
export function wrongPathPassed(
  statuses: readonly TaskStatus[],
  rejectedBy: readonly string[] | undefined,
): string[] {
  if (rejectedBy === undefined) return undone(statuses).length === 0 ? ["every task"] : [];
  const done = new Set(statuses.filter((s) => s.done).map((s) => s.id));
  return rejectedBy.filter((task) => done.has(task)).map((task) => `task ${task}`);
}

/** The failures of one lab, each a sentence (empty when the lab proves itself). */
export async function verifyLab(lab: Lab, verbose: (text: string) => void): Promise<string[]> {
  const failures: string[] = [];
  for (const seed of seedsFor(lab)) {
    const solved = await play(lab.id, seed, (run) => run.solution());
    const missing = undone(solved.statuses);
    if (missing.length > 0) {
      failures.push(`seed ${seed}: the solution leaves ${missing.join("; ")}`);
      verbose(solved.transcript);
    }
    for (const [index, path] of variantFor(lab, seed).wrongPaths.entries()) {
      const wrong = await play(lab.id, seed, (run) => run.wrongPaths()[index]?.lines ?? []);
      const passed = wrongPathPassed(wrong.statuses, path.rejectedBy);
      if (passed.length > 0) {
        failures.push(`seed ${seed}: the wrong path "${path.name}" completes ${passed.join(", ")}`);
        verbose(wrong.transcript);
      }
    }
  }
  return failures;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { lab: { type: "string" }, verbose: { type: "boolean", default: false } },
  });
  const labs = loadLabs().filter((lab) => values.lab === undefined || lab.id === values.lab);
  if (labs.length === 0) {
    console.error(`labs:verify: no lab ${JSON.stringify(values.lab)}`);
    return 2;
  }
  let failed = 0;
  const width = Math.max(...labs.map((lab) => lab.id.length));
  for (const lab of labs) {
    const started = performance.now();
    const failures = await verifyLab(lab, (text) => {
      if (values.verbose) console.log(text.replace(/^/gm, "    "));
    });
    const ms = Math.round(performance.now() - started);
    const seeds = seedsFor(lab).join(",");
    const paths = lab.variants.reduce((sum, v) => sum + v.wrongPaths.length, 0);
    if (failures.length === 0) {
      console.log(
        `ok    ${lab.id.padEnd(width)}  seeds ${seeds}: solution completes ${lab.tasks.length} tasks, ${paths} wrong path(s) rejected (${ms} ms)`,
      );
    } else {
      failed++;
      console.log(`FAIL  ${lab.id.padEnd(width)}  ${failures.join(" | ")}`);
    }
  }
  console.log(`${labs.length - failed}/${labs.length} labs prove themselves`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
