import pg from "pg";
import type { SqlDatabase } from "./sql-database.ts";

/** PostgreSQL through a `pg` pool, for several server instances sharing one database. */
export function openPostgres(connectionString: string): SqlDatabase {
  const pool = new pg.Pool({ connectionString, max: 10 });
  return {
    engine: "postgres",
    async run(sql, params = []) {
      await pool.query(sql, [...params]);
    },
    async all(sql, params = []) {
      return (await pool.query(sql, [...params])).rows as Record<string, unknown>[];
    },
    close() {
      return pool.end();
    },
  };
}
