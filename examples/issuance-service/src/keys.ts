import { access, readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

import {
  createDidDocument,
  generateIssuerKey,
  loadIssuerKey,
  saveIssuerKey,
  type IssuerDidDocument,
  type IssuerKey,
  type SerializedIssuerKey,
} from '@vaxcert/issuer-sdk';

import type { ServiceConfig } from './config.js';

/**
 * Loads the issuer key from `keyFile`, or generates one for `issuerDid` and saves it there
 * (mode 0600) when the file does not exist. Returns whether a key was generated.
 */
export async function loadOrCreateKey(config: Pick<ServiceConfig, 'keyFile' | 'issuerDid'>) {
  const exists = await access(config.keyFile).then(
    () => true,
    () => false,
  );
  if (exists) return { key: await loadIssuerKey({ path: config.keyFile }), generated: false };

  await mkdir(dirname(config.keyFile), { recursive: true });
  const key = await generateIssuerKey({ did: config.issuerDid });
  try {
    await saveIssuerKey({ key, path: config.keyFile });
  } catch (error) {
    // Another process saved its key first: saveIssuerKey never replaces a key file, so the
    // first key written is the one every process loads below.
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code !== 'EEXIST') throw error;
  }
  return { key: await loadIssuerKey({ path: config.keyFile }), generated: true };
}

/** Builds the DID document with the signing key and the retired keys read from their files. */
export async function buildDidDocument(key: IssuerKey, retiredKeyFiles: readonly string[]): Promise<IssuerDidDocument> {
  const retiredKeys: SerializedIssuerKey[] = [];
  for (const path of retiredKeyFiles) {
    const serialized = JSON.parse(await readFile(path, 'utf8')) as SerializedIssuerKey;
    const { privateKeyMultibase: _private, ...publicKey } = serialized;
    retiredKeys.push(publicKey);
  }
  return createDidDocument({ keys: [key], retiredKeys });
}
