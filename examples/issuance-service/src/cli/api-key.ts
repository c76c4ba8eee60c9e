// Creates an API key: `node dist/cli/api-key.js --role facility|admin --name NAME`. It prints
// the key once and stores only its SHA-256 hash in the configured database.
import { parseArgs } from 'node:util';

import { generateApiKey, hashApiKey } from '../auth.js';
import { loadConfig } from '../config.js';
import { openRepository } from '../storage/open.js';

const { values } = parseArgs({ options: { role: { type: 'string' }, name: { type: 'string' } } });
if (values.role !== 'facility' && values.role !== 'admin') {
  console.error('--role must be facility or admin');
  process.exit(2);
}
if (values.name === undefined || values.name === '') {
  console.error('--name is required: a label for the client, for example the facility ID');
  process.exit(2);
}

const repository = await openRepository(loadConfig());
const apiKey = generateApiKey();
await repository.addApiKey({ hash: hashApiKey(apiKey), name: values.name, role: values.role }, Date.now());
await repository.close();
process.stdout.write(`${apiKey}\n`);
