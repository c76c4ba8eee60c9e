import { join } from 'node:path';

import Database from 'better-sqlite3';
import pg from 'pg';

import { dropSchema, postgresUrl, tempDataDir, uniqueSchema } from './helpers.js';

/** A row read back from a store, with the column names of the service's tables. */
export type StoredRow = Record<string, unknown>;

/** A service database for a test: the settings that select it, a way to query it, and its removal. */
export interface TestStore {
  readonly name: 'sqlite' | 'postgres';
  env(): Record<string, string>;
  query(sql: string): Promise<StoredRow[]>;
  cleanup(): Promise<void>;
}

/** Creates a store on a new SQLite database in a temporary data folder, read with a read-only connection. */
export function sqliteStore(): TestStore {
  const dataDir = tempDataDir();
  return {
    name: 'sqlite',
    env: () => ({ DATA_DIR: dataDir }),
    query: async (sql) => {
      const db = new Database(join(dataDir, 'issuance.sqlite'), { readonly: true });
      try {
        return db.prepare(sql).all() as StoredRow[];
      } finally {
        db.close();
      }
    },
    cleanup: async () => undefined,
  };
}

/** Creates a store on a new schema in the test PostgreSQL database, dropped by `cleanup`. */
export function postgresStore(): TestStore {
  const dataDir = tempDataDir();
  const schema = uniqueSchema();
  return {
    name: 'postgres',
    env: () => ({ DATA_DIR: dataDir, STORE: 'postgres', DATABASE_URL: postgresUrl, PG_SCHEMA: schema }),
    query: async (sql) => {
      const client = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        return (await client.query(sql)).rows as StoredRow[];
      } finally {
        await client.end();
      }
    },
    cleanup: () => dropSchema(schema),
  };
}
