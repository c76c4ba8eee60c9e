import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import type { Row, SqlDriver } from './driver.js';

/**
 * Rewrites `$n` placeholders to `?` and orders the parameters to match, because
 * better-sqlite3 binds anonymous and named parameters only.
 */
function bindPositional(sql: string, params: readonly unknown[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_match, digits: string) => {
    values.push(params[Number(digits) - 1]);
    return '?';
  });
  return { text, values };
}

/** Serialises callers, so a transaction that awaits never interleaves with other statements. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  async run<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * Opens an SQLite database file in WAL mode. With `synchronous: 'FULL'` (the default) a
 * committed transaction survives a crash of the process or of the machine. With `'NORMAL'` it
 * survives a crash of the process, but a power loss or operating system crash can undo the
 * commits since the last checkpoint.
 */
export function openSqlite(path: string, options: { synchronous?: 'FULL' | 'NORMAL' } = {}): SqlDriver {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');

  const statements = new Map<string, { statement: Database.Statement; order: (p: readonly unknown[]) => unknown[] }>();
  const prepare = (sql: string) => {
    let entry = statements.get(sql);
    if (entry === undefined) {
      const { text } = bindPositional(sql, []);
      entry = {
        statement: db.prepare(text),
        order: (params) => bindPositional(sql, params).values,
      };
      statements.set(sql, entry);
    }
    return entry;
  };

  const direct: SqlDriver = {
    dialect: 'sqlite',
    async all<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const { statement, order } = prepare(sql);
      const values = order(params);
      if (statement.reader) return statement.all(...values) as T[];

      statement.run(...values);
      return [];
    },
    async run(sql, params = []) {
      const { statement, order } = prepare(sql);
      return statement.run(...order(params)).changes;
    },
    async transaction(work) {
      return work(direct);
    },
    async close() {
      db.close();
    },
  };

  const mutex = new Mutex();
  return {
    dialect: 'sqlite',
    all: (sql, params) => mutex.run(() => direct.all(sql, params)),
    run: (sql, params) => mutex.run(() => direct.run(sql, params)),
    transaction: (work) =>
      mutex.run(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    close: () => mutex.run(() => direct.close()),
  };
}
