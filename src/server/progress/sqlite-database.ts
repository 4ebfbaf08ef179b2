import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from "./sql-database.ts";

function toSqlite(sql: string): string {
  return sql.replace(/\$(\d+)/g, "?$1");
}

/**
 * SQLite through Node's built-in `node:sqlite` (no native build). WAL lets readers (the progress
 * page) run while sessions append their input; `synchronous = NORMAL` is WAL's durable-enough
 * setting (a power cut may lose the last transactions, never corrupt the file).
 */
export function openSqlite(path: string): SqlDatabase {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
  const statements = new Map<string, ReturnType<DatabaseSync["prepare"]>>();
  const prepare = (sql: string): ReturnType<DatabaseSync["prepare"]> => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(toSqlite(sql));
      statements.set(sql, statement);
    }
    return statement;
  };
  const executor: SqlExecutor = {
    engine: "sqlite",
    run(sql, params = []) {
      prepare(sql).run(...(params as SQLInputValue[]));
      return Promise.resolve();
    },
    all(sql, params: readonly SqlValue[] = []) {
      return Promise.resolve(prepare(sql).all(...(params as SQLInputValue[])) as SqlRow[]);
    },
  };
  return {
    ...executor,
    // One connection: the transaction is the connection's, so it is used where nothing else
    // runs at the same time (opening the storage).
    async transaction(work) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(executor);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}
