import { randomBytes } from 'node:crypto';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';

import { IssuerError } from '../errors.js';
import { exportIssuerKey, importIssuerKey, type IssuerKey, type SerializedIssuerKey } from './issuer-key.js';

/**
 * Writes a key with its private part to a JSON file readable only by its owner (mode 0600).
 * The file is written to a temporary name and then moved into place, so a crash never leaves
 * half a key. An existing file is kept, and the call fails with `ERR_KEY_FILE`, unless
 * `overwrite` is `true`: replacing a key breaks every certificate and DID document that
 * names the old one.
 */
export async function saveIssuerKey(options: { key: IssuerKey; path: string; overwrite?: boolean }): Promise<void> {
  const serialized = exportIssuerKey(options.key, { includePrivateKey: true });
  const temporary = `${options.path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(serialized, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    // link() fails when the target exists, so an existing key is never replaced by accident.
    if (options.overwrite === true) await rename(temporary, options.path);
    else await link(temporary, options.path);
  } catch (cause) {
    const exists = (cause as NodeJS.ErrnoException).code === 'EEXIST';
    const message = exists
      ? `key file "${options.path}" already exists; load it with loadIssuerKey() or pass overwrite: true`
      : `could not write key file "${options.path}"`;
    throw new IssuerError('ERR_KEY_FILE', message, { cause });
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Reads a key written by {@link saveIssuerKey}. */
export async function loadIssuerKey(options: { path: string }): Promise<IssuerKey> {
  let text: string;
  try {
    text = await readFile(options.path, 'utf8');
  } catch (cause) {
    throw new IssuerError('ERR_KEY_FILE', `could not read key file "${options.path}"`, { cause });
  }

  let serialized: SerializedIssuerKey;
  try {
    serialized = JSON.parse(text) as SerializedIssuerKey;
  } catch (cause) {
    throw new IssuerError('ERR_KEY_FILE', `key file "${options.path}" is not valid JSON`, { cause });
  }
  return importIssuerKey(serialized);
}
