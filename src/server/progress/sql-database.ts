/**
 * The little SQL the progress storage needs, over either engine. Statements are written once with
 * PostgreSQL's `$1` placeholders; the SQLite side rewrites them to its equivalent `?1`.
 */
export type SqlValue = string | number | null;
export type SqlRow = Readonly<Record<string, unknown>>;

export interface SqlDatabase {
  readonly engine: "sqlite" | "postgres";
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  all(sql: string, params?: readonly SqlValue[]): Promise<readonly SqlRow[]>;
  close(): Promise<void>;
}

/**
 * The schema, valid in both SQLite and PostgreSQL. Times are epoch milliseconds (BIGINT); lists
 * are JSON text so both engines store them the same way.
 */
export const SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    learner TEXT NOT NULL,
    target TEXT NOT NULL,
    seed BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    last_active_at BIGINT NOT NULL,
    UNIQUE (learner, target)
  )`,
  `CREATE TABLE IF NOT EXISTS session_inputs (
    session_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    file TEXT,
    PRIMARY KEY (session_id, seq)
  )`,
  `CREATE TABLE IF NOT EXISTS lab_progress (
    learner TEXT NOT NULL,
    lab_id TEXT NOT NULL,
    tasks_done TEXT NOT NULL,
    tasks_total INTEGER NOT NULL,
    hints_used INTEGER NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (learner, lab_id)
  )`,
  `CREATE TABLE IF NOT EXISTS interview_attempts (
    id TEXT PRIMARY KEY,
    learner TEXT NOT NULL,
    question_id TEXT NOT NULL,
    score INTEGER NOT NULL,
    answer TEXT NOT NULL,
    details TEXT NOT NULL,
    created_at BIGINT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS interview_attempts_by_learner
    ON interview_attempts (learner, created_at)`,
];
