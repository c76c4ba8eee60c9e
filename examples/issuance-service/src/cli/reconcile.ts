// Reconciles stored certificates with source records and corrects the differences:
//   node dist/cli/reconcile.js --csv FILE [--dry-run]
//   node dist/cli/reconcile.js --json FILE [--dry-run]
// It uses the database, issuer key and PUBLIC_URL that the environment configures, which must
// be the service's: status list URLs are checked against PUBLIC_URL. It prints the report as
// JSON on standard output, logs to standard error, and exits with 1 when a dose was limited,
// not found, invalid or failed.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { loadConfig } from '../config.js';
import { CsvFormatError } from '../intake/csv.js';
import { createLogger } from '../logger.js';
import { OperationError } from '../operations.js';
import { reconcile, sourceDosesFromCsv, sourceDosesFromRequests } from '../reconcile.js';
import { openService } from '../service.js';

const usage = 'usage: reconcile.js (--csv FILE | --json FILE) [--dry-run]';
const { values } = parseArgs({ options: { csv: { type: 'string' }, json: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
if ((values.csv === undefined) === (values.json === undefined)) {
  console.error(`give exactly one of --csv and --json\n${usage}`);
  process.exit(2);
}

const config = loadConfig();
const logger = createLogger({ level: config.logLevel, destination: process.stderr });
let items;
try {
  if (values.csv !== undefined) {
    items = sourceDosesFromCsv(await readFile(values.csv, 'utf8'));
  } else {
    const path = values.json!;
    let input: unknown;
    try {
      input = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new OperationError(400, 'invalid_json', `${path} is not valid JSON: ${(error as Error).message}`);
    }
    items = sourceDosesFromRequests(input);
  }
} catch (error) {
  if (!(error instanceof CsvFormatError || error instanceof OperationError)) throw error;
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}

const service = await openService(config, logger, { createKey: false });
try {
  const report = await reconcile(service, items, { dryRun: values['dry-run'] === true });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  // Exit 1 when a dose could not be reconciled, so scripts notice.
  process.exitCode = report.counts.failed + report.counts.invalid + report.counts.not_found + report.counts.limited > 0 ? 1 : 0;
} finally {
  await service.repository.close();
}
