// Issues certificates for the sample certify requests and stores them in SQLite.
//   node --import tsx src/cli/seed.ts [--db data/download-service.db] [--requests FILE] [--limit N]
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { generateIssuerKey } from '@vaxcert/issuer-sdk';
import { pino } from 'pino';

import { CertificateRepository } from '../storage/repository.js';
import { seedRepository } from '../storage/seed.js';

const log = pino({ name: 'seed' });
const defaultRequests = new URL('../../../../test-vectors/sample/certify-requests.jsonl', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'data/download-service.db' },
    requests: { type: 'string', default: defaultRequests },
    limit: { type: 'string' },
  },
});

const dbPath = resolve(values.db);
mkdirSync(dirname(dbPath), { recursive: true });
const lines = readFileSync(values.requests, 'utf8').split('\n').filter((line) => line.trim() !== '');
const limit = values.limit === undefined ? lines.length : Number(values.limit);
if (!Number.isInteger(limit) || limit < 0) {
  log.error({ limit: values.limit }, 'invalid --limit; expected a whole number');
  process.exit(2);
}

// NOTE: the key is generated for this run and not saved, so the seeded credentials verify only
// against the DID document of this run. A real deployment loads its issuer key instead.
const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in' });
const repository = new CertificateRepository(dbPath);
const started = performance.now();
const result = await seedRepository({
  repository,
  key,
  requests: lines.slice(0, limit).map((line) => JSON.parse(line) as unknown),
});
for (const skipped of result.skipped) log.warn(skipped, 'certify request skipped');
log.info(
  { db: dbPath, issued: result.issued, skipped: result.skipped.length, ms: Math.round(performance.now() - started) },
  'seed finished',
);
repository.close();
