/**
 * The little SQL the progress storage needs, over either engine. Statements are written once with
 * PostgreSQL's `$1` placeholders; the SQLite side rewrites them to its equivalent `?1`.
 */
export type SqlValue = string | number | null;
export type SqlRow = Readonly<Record<string, unknown>>;

/** Runs statements: the database itself, or one transaction of it. */
export interface SqlExecutor {
  readonly engine: "sqlite" | "postgres";
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  all(sql: string, params?: readonly SqlValue[]): Promise<readonly SqlRow[]>;
}

export interface SqlDatabase extends SqlExecutor {
  /**
   * Runs `work` in one transaction holding the database's write lock (SQLite `BEGIN IMMEDIATE`,
   * PostgreSQL one pooled connection), committed if it resolves and rolled back if it throws.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
