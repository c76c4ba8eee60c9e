import type { StatusListEntry } from '@vaxcert/schemas';

import { IssuerError } from '../errors.js';
import type { StatusPurpose } from './store.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Checks a status list base URL and returns it without a trailing slash. */
export function checkBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`"baseUrl" must be an absolute URL, got "${baseUrl}"`);
  }
  const loopback = parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !loopback) {
    throw new TypeError(`"baseUrl" must use https (http only on a loopback host), got "${baseUrl}"`);
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new TypeError(`"baseUrl" must have no query or fragment, got "${baseUrl}"`);
  }
  return parsed.href.replace(/\/+$/, '');
}

/**
 * Finds the entry with `statusPurpose` among a certificate's entries and returns its list ID
 * and index.
 *
 * @throws {TypeError} when the entries are not an array or no entry has this purpose.
 * @throws {IssuerError} `ERR_STATUS_LIST_NOT_FOUND` when the list URL is not under `baseUrl`.
 */
export function locateEntry(
  entries: readonly StatusListEntry[],
  statusPurpose: StatusPurpose,
  baseUrl: string,
): { listId: string; index: number } {
  const input: unknown = entries;
  if (!Array.isArray(input)) {
    throw new TypeError('"credentialStatus" must be the array of status list entries');
  }
  const matching = entries.filter((entry) => entry?.statusPurpose === statusPurpose);
  if (matching.length !== 1) {
    throw new TypeError(`"credentialStatus" must contain exactly one ${statusPurpose} entry, found ${matching.length}`);
  }

  const entry = matching[0]!;
  if (typeof entry.statusListIndex !== 'string' || !/^(0|[1-9]\d{0,9})$/.test(entry.statusListIndex)) {
    throw new TypeError(`"statusListIndex" must be a decimal integer string, got "${String(entry.statusListIndex)}"`);
  }
  const prefix = `${baseUrl}/`;
  const url = String(entry.statusListCredential);
  const listId = url.startsWith(prefix) ? url.slice(prefix.length) : '';
  if (listId === '' || listId.includes('/')) {
    throw new IssuerError('ERR_STATUS_LIST_NOT_FOUND', `status list "${url}" is not under "${prefix}"`);
  }
  return { listId, index: Number(entry.statusListIndex) };
}
