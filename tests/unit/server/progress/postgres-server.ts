/**
 * Starts a throwaway PostgreSQL server for the tests when Debian's postgresql is installed
 * (initdb and pg_ctl on PATH or under /usr/lib/postgresql/<version>/bin). PostgreSQL refuses to
 * run as root, so under root the server runs as the `postgres` user.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PostgresServer {
  readonly url: string;
  stop(): void;
}

function findBin(name: string): string | undefined {
  const onPath = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  if (onPath) return onPath;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  for (const version of readdirSync(root).sort().reverse()) {
    const path = join(root, version, "bin", name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A server, or why there is none (PostgreSQL not installed). */
export async function startPostgres(): Promise<PostgresServer | string> {
  const initdb = findBin("initdb");
  const pgCtl = findBin("pg_ctl");
  if (!initdb || !pgCtl) return "PostgreSQL (initdb, pg_ctl) is not installed";
  const dir = mkdtempSync(join(tmpdir(), "pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]): void => {
    const [command, fullArgs] = asRoot
      ? ["runuser", ["-u", "postgres", "--", bin, ...args]]
      : [bin, args];
    execFileSync(command, fullArgs, { stdio: "pipe" });
  };
  if (asRoot) {
    chmodSync(dir, 0o755);
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  run(initdb, ["-D", data, "-A", "trust", "-U", "test", "--no-sync"]);
  const port = await freePort();
  run(pgCtl, [
    "-D",
    data,
    "-w",
    "-l",
    join(dir, "log"),
    "-o",
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`,
    "start",
  ]);
  return {
    url: `postgresql://test@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(pgCtl, ["-D", data, "-m", "immediate", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
