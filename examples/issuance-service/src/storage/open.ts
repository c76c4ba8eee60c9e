import type { ServiceConfig } from '../config.js';
import { openPostgres } from './postgres-driver.js';
import type { Repository } from './repository.js';
import { SqlRepository } from './sql-repository.js';
import { openSqlite } from './sqlite-driver.js';

/** Opens the configured database and creates its tables when missing. */
export async function openRepository(
  config: Pick<ServiceConfig, 'store' | 'sqlitePath' | 'postgresUrl' | 'postgresSchema'> & Partial<Pick<ServiceConfig, 'sqliteSynchronous'>>,
): Promise<Repository> {
  const driver =
    config.store === 'postgres'
      ? await openPostgres({ url: config.postgresUrl, schema: config.postgresSchema })
      : openSqlite(config.sqlitePath, { synchronous: config.sqliteSynchronous ?? 'FULL' });
  const repository = new SqlRepository(driver);
  await repository.migrate();
  return repository;
}
