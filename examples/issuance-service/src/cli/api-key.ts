// Creates an API key: `node dist/cli/api-key.js --role facility|admin --name NAME`. It prints
// the key once and stores only its SHA-256 hash in the configured database.
import { parseArgs } from 'node:util';

import { generateApiKey, hashApiKey } from '../auth.js';
import { loadConfig } from '../config.js';
import { openRepository } from '../storage/open.js';

const USAGE = `Usage: node dist/cli/api-key.js --role facility|admin --name NAME

Creates an API key, prints it once, and stores only its SHA-256 hash in the database that
STORE, DATA_DIR, SQLITE_PATH, DATABASE_URL and PG_SCHEMA select, as for the service.
  --role facility   may certify, upload and read
  --role admin      may also correct, revoke, suspend and reinstate
  --name NAME       a label for the client, for example the facility ID`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let values: { role?: string; name?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help === true) {
  console.log(USAGE);
  process.exit(0);
}
if (values.role !== 'facility' && values.role !== 'admin') fail(`--role must be facility or admin, got ${values.role ?? 'nothing'}`);
if (values.name === undefined || values.name === '') fail('--name is required');

const repository = await openRepository(loadConfig());
const apiKey = generateApiKey();
await repository.addApiKey({ hash: hashApiKey(apiKey), name: values.name, role: values.role }, Date.now());
await repository.close();
process.stdout.write(`${apiKey}\n`);
