import pg from 'pg';

import type { Row, SqlDriver } from './driver.js';

// BIGINT columns hold millisecond times and counts well below 2^53, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function clientDriver(client: pg.PoolClient): SqlDriver {
  const driver: SqlDriver = {
    dialect: 'postgres',
    async all<T extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await client.query<T>(sql, params as unknown[])).rows;
    },
    async run(sql, params = []) {
      return (await client.query(sql, params as unknown[])).rowCount ?? 0;
    },
    async transaction(work) {
      return work(driver);
    },
    async close() {
      // The pool owns the client.
    },
  };
  return driver;
}

/**
 * Connects to PostgreSQL with a pool of `maxConnections`. Every connection uses `schema` as
 * its search path; the schema is created when missing.
 */
export async function openPostgres(options: {
  url: string;
  schema: string;
  maxConnections?: number;
}): Promise<SqlDriver> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new TypeError(`PostgreSQL schema name must match [a-z_][a-z0-9_]*, got "${options.schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${options.schema}`,
  });
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);

  return {
    dialect: 'postgres',
    async all<T extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query<T>(sql, params as unknown[])).rows;
    },
    async run(sql, params = []) {
      return (await pool.query(sql, params as unknown[])).rowCount ?? 0;
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(clientDriver(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
