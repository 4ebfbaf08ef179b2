/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after another, so one
 * benchmark's garbage and JIT state never skew the next. Each prints its own figures.
 * `npm run bench -- NAME` runs only the files whose name contains NAME.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = import.meta.dirname;
const filter = process.argv[2] ?? "";
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".bench.ts") && name.includes(filter))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const result = spawnSync(process.execPath, ["--expose-gc", join(dir, file)], {
    stdio: "inherit",
  });
  if (result.status !== 0) failed++;
}
if (files.length === 0) console.log(`no benchmark matches "${filter}"`);
process.exit(failed === 0 ? 0 : 1);
