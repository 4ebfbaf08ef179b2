import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  MIGRATIONS,
  migrate,
  SchemaTooNewError,
  type Migration,
} from "../../../../src/server/progress/migrations.ts";
import { openPostgres } from "../../../../src/server/progress/postgres-database.ts";
import { ProgressStorage } from "../../../../src/server/progress/progress-storage.ts";
import type { SqlDatabase } from "../../../../src/server/progress/sql-database.ts";
import { openSqlite } from "../../../../src/server/progress/sqlite-database.ts";
import { seedFirstVersion } from "./first-schema.ts";
import { startPostgres } from "./postgres-server.ts";

/** Opens a first-version database with today's server and uses it, editor saves included. */
async function upgradesFromFirstVersion(open: () => SqlDatabase): Promise<void> {
  const old = open();
  await seedFirstVersion(old, "alice");
  await old.close();

  const storage = await ProgressStorage.open(open());
  try {
    assert.deepEqual(await storage.inputLog("s1"), [{ atMs: 2000, data: "kubectl get pods\r" }]);
    await storage.appendInput("s1", 1, "kind: Pod\n", 3000, "/home/learner/pod.yaml");
    assert.deepEqual((await storage.inputLog("s1"))[1], {
      atMs: 3000,
      data: "kind: Pod\n",
      file: "/home/learner/pod.yaml",
    });
    const [progress] = await storage.labProgress("alice");
    assert.deepEqual(progress?.tasksDone, ["find-pod"]);
  } finally {
    await storage.close();
  }

  const again = open();
  try {
    assert.deepEqual(await migrate(again), { from: 2, to: 2 }, "a second open changes nothing");
    const versions = await again.all("SELECT version FROM schema_migrations ORDER BY version");
    assert.deepEqual(
      versions.map((row) => Number(row["version"])),
      MIGRATIONS.map((m) => m.version),
    );
  } finally {
    await again.close();
  }
}

function sqliteFile(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "migrations-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, "progress.sqlite");
}

test("migrations are numbered 1, 2, ... with no gap", () => {
  assert.deepEqual(
    MIGRATIONS.map((m) => m.version),
    MIGRATIONS.map((_, index) => index + 1),
  );
});

test("SQLite: a data directory from the first server upgrades and keeps its data", async (t) => {
  const path = sqliteFile(t);
  await upgradesFromFirstVersion(() => openSqlite(path));
});

test("SQLite: a database made before versioning but with today's tables opens as version 2", async (t) => {
  const path = sqliteFile(t);
  const db = openSqlite(path);
  for (const migration of MIGRATIONS) await migration.up(db);
  assert.deepEqual(await migrate(db), { from: 0, to: 2 });
  await db.close();
});

test("SQLite: a database from a newer server is refused with a clear message", async (t) => {
  const path = sqliteFile(t);
  const db = openSqlite(path);
  await migrate(db);
  await db.run(
    "INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'future', 0)",
  );
  await db.close();
  await assert.rejects(
    ProgressStorage.open(openSqlite(path)),
    (error: unknown) =>
      error instanceof SchemaTooNewError && /schema version 99.*only up to 2/.test(error.message),
  );
});

test("SQLite: a migration that fails leaves the database as it was", async (t) => {
  const path = sqliteFile(t);
  const db = openSqlite(path);
  const failing: Migration[] = [
    ...MIGRATIONS,
    {
      version: 3,
      description: "creates a table, then fails",
      async up(tx) {
        await tx.run("CREATE TABLE half_done (x INTEGER)");
        throw new Error("disk on fire");
      },
    },
  ];
  await assert.rejects(migrate(db, failing), /disk on fire/);
  const tables = await db.all("SELECT name FROM sqlite_master WHERE name = 'half_done'");
  assert.deepEqual(tables, []);
  assert.deepEqual(await migrate(db), { from: 2, to: 2 });
  await db.close();
});

test("PostgreSQL: the first server's database upgrades; instances starting together agree", async (t) => {
  const server = await startPostgres();
  if (typeof server === "string") {
    t.skip(`${server}; install the postgresql package to run this test`);
    return;
  }
  t.after(() => server.stop());
  await upgradesFromFirstVersion(() => openPostgres(server.url));

  await (async () => {
    const admin = openPostgres(server.url);
    await admin.run("CREATE SCHEMA fresh");
    await admin.close();
  })();
  const url = `${server.url}?options=-c%20search_path%3Dfresh`;
  const instances = [openPostgres(url), openPostgres(url), openPostgres(url)];
  const results = await Promise.all(instances.map((db) => migrate(db)));
  assert.deepEqual(
    results.map((r) => r.to),
    [2, 2, 2],
  );
  assert.equal(results.filter((r) => r.from === 0).length >= 1, true);
  await Promise.all(instances.map((db) => db.close()));
  const check = openPostgres(url);
  const versions = await check.all("SELECT version FROM schema_migrations");
  await check.close();
  assert.equal(versions.length, 2, "each migration applied once");
});
