/**
 * `npm run conformance`: every line of tests/conformance/corpus.ts through the real kubectl (KUBECTL
 * or the first kubectl on PATH) against the API facade and through the built-in kubectl, compared
 * byte for byte after normalising ages, timestamps and random suffixes. Prints each mismatch as a
 * diff and ends with `conformance: N/M identical`. `-- FILTER` runs only lines containing FILTER.
 * Exits 1 on a mismatch the corpus does not explain (its knownDifference, listed in README); where
 * no kubectl exists it says so and exits 0.
 */
import { accessSync, constants } from "node:fs";
import { join } from "node:path";
import { CORPUS } from "../../../tests/conformance/corpus.ts";
import { describeMismatch, runCase, type CaseResult } from "../kube-api/conformance.ts";

/** Two kubectl processes at a time: the machine's two cores are shared. */
const PARALLEL = 2;

function findKubectl(): string | undefined {
  const explicit = process.env["KUBECTL"];
  const candidates = explicit
    ? [explicit]
    : (process.env["PATH"] ?? "").split(":").map((dir) => join(dir, "kubectl"));
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const kubectl = findKubectl();
if (!kubectl) {
  console.log("conformance: skipped, no kubectl binary (set KUBECTL=path or put kubectl on PATH)");
  process.exit(0);
}

const filter = process.argv[2] ?? "";
const cases = CORPUS.filter((c) => c.command.includes(filter) || c.scenario.includes(filter));
const results: CaseResult[] = new Array<CaseResult>(cases.length);
let next = 0;
const started = Date.now();
await Promise.all(
  Array.from({ length: PARALLEL }, async () => {
    while (next < cases.length) {
      const index = next++;
      const input = cases[index];
      if (input) results[index] = await runCase(kubectl, input);
    }
  }),
);
let identical = 0;
let known = 0;
for (const result of results) {
  if (result.identical) {
    identical++;
    if (result.knownDifference !== undefined)
      console.log(`note: now identical, drop its knownDifference: ${result.command}\n`);
  } else {
    if (result.knownDifference !== undefined) known++;
    console.log(`${describeMismatch(result)}\n`);
  }
}
console.log(`(${String(Math.round((Date.now() - started) / 1000))}s with ${kubectl})`);
const explained = known > 0 ? ` (${String(known)} known differences, listed in README)` : "";
console.log(`conformance: ${String(identical)}/${String(results.length)} identical${explained}`);
process.exit(identical + known === results.length ? 0 : 1);
