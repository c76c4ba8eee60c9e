import type { DocumentLoader } from '@vaxcert/schemas';

import type { VerificationCheck } from '../result.js';
import type { StatusListCache } from './cache.js';
import { CHECK_CODES, parseStatusEntries, type CheckedPurpose, type ParsedEntry } from './entries.js';
import type { StatusListOrigin } from './list.js';
import { resolveStatusList } from './resolve.js';
import type { StatusSource } from './source.js';
import { issuerId, type IsTrustedKey } from './verify-list.js';

/** Outcome of a status check. Only `valid` lets a verifier app accept the certificate. */
export type StatusOutcome = 'valid' | 'revoked' | 'suspended' | 'status_unknown';

/** Options of {@link checkCredentialStatus}. */
export interface CheckCredentialStatusOptions {
  readonly source: StatusSource;
  /** Verified lists shared between checks; see `createStatusListCache`. */
  readonly cache?: StatusListCache;
  /** Time of the check; compared with the lists' `validFrom`, `validUntil` and `ttl`. */
  readonly now: Date;
  /** Resolves contexts and the verification methods of list proofs; never fetches by default. */
  readonly documentLoader: DocumentLoader;
  /** Returns whether a key may sign status lists for an issuer. */
  readonly isTrustedKey: IsTrustedKey;
}

/** Result of checking one status entry. */
export interface StatusEntryDetail {
  readonly statusPurpose: CheckedPurpose;
  readonly statusListCredential: string;
  readonly statusListIndex: number;
  /** The bit at the index; absent when no usable list was found. */
  readonly set?: boolean;
  readonly origin?: StatusListOrigin;
  readonly fromCache?: boolean;
  /** `true` when the list is past its `ttl` and no newer list could be obtained. */
  readonly stale?: boolean;
  /** The list's `validUntil` (ISO 8601), when it has one. */
  readonly listValidUntil?: string;
}

/** Result of {@link checkCredentialStatus}. */
export interface CredentialStatusResult {
  readonly outcome: StatusOutcome;
  /** One check per status entry (codes REVOCATION and SUSPENSION). */
  readonly checks: VerificationCheck[];
  readonly detail: { readonly entries: StatusEntryDetail[] };
}

/**
 * Checks a credential's revocation and suspension entries against verified Bitstring Status
 * Lists. Every list's signature, issuer (that of the credential) and key trust are verified;
 * a list that fails any of them counts as missing. The outcome is `revoked` or `suspended`
 * when a bit is set, `status_unknown` when any list could not be established, else `valid`.
 * A credential without `credentialStatus` cannot be revoked and gets `valid` with no checks.
 *
 * @throws {TypeError} only for misuse: missing `now`, `documentLoader`, `isTrustedKey` or `source`.
 *
 * @example
 * const cache = createStatusListCache();
 * const { outcome, checks } = await checkCredentialStatus(credential, {
 *   source: { snapshot }, cache, now: new Date(), documentLoader, isTrustedKey,
 * });
 */
export async function checkCredentialStatus(
  credential: unknown,
  options: CheckCredentialStatusOptions,
): Promise<CredentialStatusResult> {
  assertOptions(options);
  if (typeof credential !== 'object' || credential === null) {
    return unknown([{ code: 'REVOCATION', passed: false, message: 'credential is not an object' }]);
  }
  const parsed = parseStatusEntries((credential as Record<string, unknown>).credentialStatus);
  if ('failures' in parsed) return unknown(parsed.failures);

  const issuer = issuerId(credential as Record<string, unknown>);
  if (issuer === undefined && parsed.entries.length > 0) {
    return unknown([{ code: 'REVOCATION', passed: false, message: 'credential has no issuer', pointer: '/issuer' }]);
  }

  const context = { ...options, cache: options.cache, issuer: issuer! };
  const results = await Promise.all(parsed.entries.map((entry) => checkEntry(entry, context)));
  const checks = results.map((result) => result.check);
  const entries = results.map((result) => result.detail);

  const isSet = (purpose: CheckedPurpose) =>
    entries.some((entry) => entry.statusPurpose === purpose && entry.set === true);
  let outcome: StatusOutcome = 'valid';
  if (isSet('revocation')) outcome = 'revoked';
  else if (isSet('suspension')) outcome = 'suspended';
  else if (entries.some((entry) => entry.set === undefined)) outcome = 'status_unknown';
  return { outcome, checks, detail: { entries } };
}

async function checkEntry(
  entry: ParsedEntry,
  context: Parameters<typeof resolveStatusList>[2],
): Promise<{ check: VerificationCheck; detail: StatusEntryDetail }> {
  const code = CHECK_CODES[entry.statusPurpose];
  const base = {
    statusPurpose: entry.statusPurpose,
    statusListCredential: entry.statusListCredential,
    statusListIndex: entry.statusListIndex,
  };
  const resolved = await resolveStatusList(entry.statusListCredential, entry.statusPurpose, context);
  if ('reasons' in resolved) {
    const message = `${entry.statusPurpose} status unknown: ${resolved.reasons.join('; ')}`;
    return { check: { code, passed: false, message, pointer: entry.pointer }, detail: base };
  }

  const { list, fromCache, stale } = resolved;
  if (entry.statusListIndex >= list.length) {
    const message = `statusListIndex ${entry.statusListIndex} is outside the list of ${list.length} entries`;
    return { check: { code, passed: false, message, pointer: `${entry.pointer}/statusListIndex` }, detail: base };
  }

  const set = list.getStatus(entry.statusListIndex);
  const state = entry.statusPurpose === 'revocation' ? 'revoked' : 'suspended';
  const staleNote = stale ? ' (list past its ttl; no newer list could be obtained)' : '';
  const detail: StatusEntryDetail = {
    ...base,
    set,
    origin: list.origin,
    fromCache,
    stale,
    ...(list.validUntil === undefined ? {} : { listValidUntil: new Date(list.validUntil).toISOString() }),
  };
  const message = set ? `certificate is ${state}` : `certificate is not ${state}${staleNote}`;
  return { check: { code, passed: !set, message, pointer: entry.pointer }, detail };
}

function unknown(checks: VerificationCheck[]): CredentialStatusResult {
  return { outcome: 'status_unknown', checks, detail: { entries: [] } };
}

function assertOptions(options: CheckCredentialStatusOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('"options" must be an object');
  if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    throw new TypeError('"now" must be a valid Date');
  }
  if (typeof options.documentLoader !== 'function') throw new TypeError('"documentLoader" must be a function');
  if (typeof options.isTrustedKey !== 'function') throw new TypeError('"isTrustedKey" must be a function');
  if (typeof options.source !== 'object' || options.source === null) {
    throw new TypeError('"source" must be an object; pass {} to check from the cache only');
  }
  if (options.source.fetch !== undefined && typeof options.source.fetch !== 'function') {
    throw new TypeError('"source.fetch" must be a function');
  }
}
