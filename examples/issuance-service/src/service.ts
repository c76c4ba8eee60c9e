import { access } from 'node:fs/promises';

import { StatusListManager } from '@vaxcert/issuer-sdk';
import type { Logger } from 'pino';

import type { ServiceConfig } from './config.js';
import { buildDidDocument, loadOrCreateKey } from './keys.js';
import type { Service } from './operations.js';
import { openRepository } from './storage/open.js';

/**
 * Opens the database, loads or creates the issuer key and builds the DID document and the
 * status list manager: everything the API, the signers and the command-line tools share.
 * With `createKey: false` a missing key file is an error instead of a new key.
 */
export async function openService(config: ServiceConfig, logger: Logger, options: { createKey?: boolean } = {}): Promise<Service> {
  if (options.createKey === false) await access(config.keyFile).catch(() => {
    throw new Error(`issuer key file ${config.keyFile} not found; set KEY_FILE or DATA_DIR to the service's`);
  });
  const repository = await openRepository(config);
  const { key, generated } = await loadOrCreateKey(config);
  if (generated) logger.info({ keyId: key.id, keyFile: config.keyFile }, 'generated a new issuer key');
  return {
    config,
    repository,
    key,
    didDocument: await buildDidDocument(key, config.retiredKeyFiles),
    statusManager: new StatusListManager({
      store: repository.statusLists,
      baseUrl: `${config.publicUrl}/status-lists`,
      ttlMs: config.statusListTtlMs,
    }),
    logger,
  };
}
