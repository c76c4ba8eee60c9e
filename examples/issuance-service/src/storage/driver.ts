/** SQL dialects the repository runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** A row as a driver returns it: column names to values. */
export type Row = Record<string, unknown>;

/**
 * A minimal SQL connection. Statements use PostgreSQL placeholders (`$1`, `$2`, …) in both
 * dialects, and the SQLite driver rewrites them.
 */
export interface SqlDriver {
  readonly dialect: Dialect;
  /** Runs a statement and returns its rows (also the rows of `RETURNING`). */
  all<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Runs `work` in one transaction on one connection: it commits when `work` resolves and
   * rolls back when it rejects.
   */
  transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
