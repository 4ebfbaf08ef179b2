/**
 * The progress database's schema, as numbered migrations. A database records the versions it has
 * in `schema_migrations`; opening it applies the missing ones in order, each in a transaction with
 * its version row, so a data directory (or PostgreSQL database) from an older server upgrades in
 * place instead of failing on a column it lacks. Several instances starting at once on one
 * PostgreSQL serialise on an advisory lock. Statements are valid in both SQLite and PostgreSQL:
 * times are epoch milliseconds (BIGINT), lists are JSON text.
 *
 * Add a migration by appending it with the next version; never edit one that has shipped.
 */
import type { SqlDatabase, SqlExecutor } from "./sql-database.ts";

export interface Migration {
  readonly version: number;
  readonly description: string;
  up(db: SqlExecutor): Promise<void>;
}

/** Column names of a table, in either engine. */
async function columnsOf(db: SqlExecutor, table: string): Promise<string[]> {
  const rows =
    db.engine === "sqlite"
      ? await db.all("SELECT name FROM pragma_table_info($1)", [table])
      : await db.all(
          "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
          [table],
        );
  return rows.map((row) => String(row["name"]));
}

async function runAll(db: SqlExecutor, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await db.run(statement);
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "sessions with their input logs, lab progress, interview attempts",
    // IF NOT EXISTS: databases from before versioning already have these tables.
    up: (db) =>
      runAll(db, [
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
      ]),
  },
  {
    version: 2,
    description: "editor saves in the input log (session_inputs.file: the path saved, else NULL)",
    // Databases from before versioning that were made after this column existed already have it.
    async up(db) {
      if ((await columnsOf(db, "session_inputs")).includes("file")) return;
      await db.run("ALTER TABLE session_inputs ADD COLUMN file TEXT");
    },
  },
];

export class SchemaTooNewError extends Error {}

/** Any fixed number: the PostgreSQL advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_128_128;

/**
 * Brings `db` to the latest version. Returns the versions before and after. A database newer
 * than this server (a downgrade) is refused rather than used with a schema it does not know.
 */
export async function migrate(
  db: SqlDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): Promise<{ from: number; to: number }> {
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  let from: number | undefined;
  for (;;) {
    const applied = await db.transaction(async (tx) => {
      // Under the lock: concurrent CREATE TABLE IF NOT EXISTS can collide in PostgreSQL.
      if (tx.engine === "postgres") await tx.run(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        description TEXT NOT NULL,
        applied_at BIGINT NOT NULL
      )`);
      const [row] = await tx.all("SELECT MAX(version) AS version FROM schema_migrations");
      const current = row?.["version"] === null || row === undefined ? 0 : Number(row["version"]);
      from ??= current;
      if (current > latest) {
        throw new SchemaTooNewError(
          `The progress database is at schema version ${current}, but this server knows only up to ${latest}: run a newer server (or point DATA_DIR / DATABASE_URL elsewhere).`,
        );
      }
      const next = migrations.find((m) => m.version === current + 1);
      if (!next) return false;
      await next.up(tx);
      await tx.run(
        "INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)",
        [next.version, next.description, now()],
      );
      return true;
    });
    if (!applied) break;
  }
  return { from: from ?? 0, to: latest };
}
