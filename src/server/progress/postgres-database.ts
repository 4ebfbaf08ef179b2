import pg from "pg";
import type { SqlDatabase, SqlExecutor } from "./sql-database.ts";

function executorOf(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    engine: "postgres",
    async run(sql, params = []) {
      await client.query(sql, [...params]);
    },
    async all(sql, params = []) {
      return (await client.query(sql, [...params])).rows as Record<string, unknown>[];
    },
  };
}

/** PostgreSQL through a `pg` pool, for several server instances sharing one database. */
export function openPostgres(connectionString: string): SqlDatabase {
  const pool = new pg.Pool({ connectionString, max: 10 });
  return {
    ...executorOf(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(executorOf(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    close() {
      return pool.end();
    },
  };
}
