import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DatabaseSync } from "node:sqlite";
import { openPostgres } from "../../../../src/server/progress/postgres-database.ts";
import { ProgressStorage } from "../../../../src/server/progress/progress-storage.ts";
import type { SqlDatabase } from "../../../../src/server/progress/sql-database.ts";
import { openSqlite } from "../../../../src/server/progress/sqlite-database.ts";
import { startPostgres } from "./postgres-server.ts";

/** The same behaviour is required of both engines. */
async function exercise(open: () => SqlDatabase): Promise<void> {
  const storage = await ProgressStorage.open(open());
  try {
    const record = {
      id: "s1",
      learner: "alice",
      target: "lab:pid-limit",
      seed: 2_147_483_000,
      createdAt: 1_700_000_000_000,
      lastActiveAt: 1_700_000_000_000,
    };
    await storage.createSession(record);
    await storage.appendInput("s1", 0, "kubectl get pods\r", 1_700_000_001_000);
    await storage.appendInput("s1", 1, "ls 'it''s'\r", 1_700_000_002_000);
    await storage.appendInput("s1", 2, "kind: Pod\n", 1_700_000_002_000, "/home/learner/pod.yaml");
    assert.deepEqual(await storage.findSession("alice", "lab:pid-limit"), {
      ...record,
      lastActiveAt: 1_700_000_002_000,
    });
    assert.equal(await storage.findSession("bob", "lab:pid-limit"), undefined);
    assert.deepEqual(await storage.inputLog("s1"), [
      { atMs: 1_700_000_001_000, data: "kubectl get pods\r" },
      { atMs: 1_700_000_002_000, data: "ls 'it''s'\r" },
      { atMs: 1_700_000_002_000, data: "kind: Pod\n", file: "/home/learner/pod.yaml" },
    ]);
    await assert.rejects(
      storage.createSession({ ...record, id: "s2" }),
      "one session per learner per lab",
    );

    const tasks = [
      { id: "find-pod", done: true },
      { id: "root-cause", done: false },
    ];
    await storage.recordLabStatus("alice", "pid-limit", tasks, 1, 1000);
    const done = await storage.recordLabStatus(
      "alice",
      "pid-limit",
      [
        { id: "find-pod", done: false },
        { id: "root-cause", done: true },
      ],
      0,
      5000,
    );
    assert.deepEqual(done, {
      labId: "pid-limit",
      tasksDone: ["find-pod", "root-cause"],
      tasksTotal: 2,
      hintsUsed: 1,
      startedAt: 1000,
      finishedAt: 5000,
    });
    assert.deepEqual(await storage.labProgress("alice"), [done]);
    assert.deepEqual(await storage.labProgress("bob"), []);

    const attempt = await storage.addInterviewAttempt(
      "alice",
      { questionId: "what-is-128", score: 70, answer: "It means...", details: { missed: ["k1"] } },
      9000,
    );
    assert.deepEqual(await storage.interviewAttempts("alice", "what-is-128"), [attempt]);
    assert.deepEqual(await storage.interviewAttempts("bob"), []);

    await storage.deleteSession("s1");
    assert.equal(await storage.findSession("alice", "lab:pid-limit"), undefined);
    assert.deepEqual(await storage.inputLog("s1"), []);
  } finally {
    await storage.close();
  }
}

test("SQLite storage keeps sessions, input logs, lab progress and interview attempts", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "progress-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, "nested", "progress.sqlite");
  await exercise(() => openSqlite(path));
  const raw = new DatabaseSync(path);
  const mode = raw.prepare("PRAGMA journal_mode").get() as { journal_mode: string };
  raw.close();
  assert.equal(mode.journal_mode, "wal");
});

test("PostgreSQL storage behaves the same (real server)", async (t) => {
  const server = await startPostgres();
  if (typeof server === "string") {
    t.skip(`${server}; install the postgresql package to run this test`);
    return;
  }
  t.after(() => server.stop());
  await exercise(() => openPostgres(server.url));
});
