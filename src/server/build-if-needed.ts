import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Inputs of `astro build`: a change to any of them makes the built site stale. */
const SOURCES = ["src", "content", "labs", "public", "astro.config.mjs", "package.json"];
export const SERVER_ENTRY = join("dist", "server", "entry.mjs");

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isBuildStale(root: string): boolean {
  const entry = join(root, SERVER_ENTRY);
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(root, source)) > built);
}

/** Runs `npm run build` when the site is missing or older than its sources. */
export function buildIfNeeded(root: string, log: (line: string) => void): void {
  if (!isBuildStale(root)) return;
  log("Building the site (npm run build)...");
  const result = spawnSync("npm", ["run", "build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    throw new Error(`npm run build failed with status ${String(result.status)}`);
  }
}
