import type { SqlDatabase } from "../../../../src/server/progress/sql-database.ts";

/**
 * The schema the first server shipped (commit a819a0b, before versioning): its session_inputs
 * has no `file` column, so the editor's saves failed there with "no column named file".
 */
export const FIRST_SCHEMA = [
  `CREATE TABLE sessions (id TEXT PRIMARY KEY, learner TEXT NOT NULL, target TEXT NOT NULL,
    seed BIGINT NOT NULL, created_at BIGINT NOT NULL, last_active_at BIGINT NOT NULL,
    UNIQUE (learner, target))`,
  `CREATE TABLE session_inputs (session_id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
    at_ms BIGINT NOT NULL, PRIMARY KEY (session_id, seq))`,
  `CREATE TABLE lab_progress (learner TEXT NOT NULL, lab_id TEXT NOT NULL, tasks_done TEXT NOT NULL,
    tasks_total INTEGER NOT NULL, hints_used INTEGER NOT NULL, started_at BIGINT NOT NULL,
    finished_at BIGINT, updated_at BIGINT NOT NULL, PRIMARY KEY (learner, lab_id))`,
  `CREATE TABLE interview_attempts (id TEXT PRIMARY KEY, learner TEXT NOT NULL,
    question_id TEXT NOT NULL, score INTEGER NOT NULL, answer TEXT NOT NULL, details TEXT NOT NULL,
    created_at BIGINT NOT NULL)`,
];

/**
 * A learner's state as the first server stored it: a pid-limit session ("s1") with one command
 * typed, and that lab's first task done.
 */
export async function seedFirstVersion(db: SqlDatabase, learner: string): Promise<void> {
  for (const statement of FIRST_SCHEMA) await db.run(statement);
  await db.run(
    "INSERT INTO sessions (id, learner, target, seed, created_at, last_active_at) VALUES ('s1', $1, 'lab:pid-limit', 42, 1000, 2000)",
    [learner],
  );
  await db.run(
    "INSERT INTO session_inputs (session_id, seq, data, at_ms) VALUES ('s1', 0, 'kubectl get pods\r', 2000)",
  );
  await db.run(
    `INSERT INTO lab_progress (learner, lab_id, tasks_done, tasks_total, hints_used, started_at, finished_at, updated_at)
     VALUES ($1, 'pid-limit', '["find-pod"]', 5, 1, 1000, NULL, 2000)`,
    [learner],
  );
}
