import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { verifyCredential } from '@digitalbazaar/vc';
import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import type { DocumentLoader } from '@vaxcert/schemas';

import { inflateBounded } from '../decode/inflate.js';
import type { StatusListOrigin, VerifiedStatusList } from './list.js';

/** Minimum list length in the Bitstring Status List spec (16 KiB of bits), for herd privacy. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

/**
 * Tolerance for a list whose `validFrom` lies slightly ahead of the verifier's clock; the
 * same five minutes `@digitalbazaar/vc` allows. Expiry gets no tolerance.
 */
const MAX_CLOCK_SKEW_MS = 300_000;

/** Decides whether a key may sign status lists for an issuer. */
export type IsTrustedKey = (verificationMethodId: string, issuer: string) => boolean;

/** Inputs of {@link verifyStatusListCredential}. */
export interface VerifyListInput {
  readonly document: unknown;
  /** URL the list was requested from; the credential's `id` must equal it. */
  readonly url: string;
  readonly origin: StatusListOrigin;
  readonly retrievedAt: number;
  readonly now: Date;
  readonly documentLoader: DocumentLoader;
  readonly isTrustedKey: IsTrustedKey;
}

/** A verified list, or the reason the document was rejected. */
export type VerifyListResult = { list: VerifiedStatusList } | { reason: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseTime(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? null : time;
}

/** Returns the issuer ID of a credential whose `issuer` is a string or an object with `id`. */
export function issuerId(credential: Json): string | undefined {
  const { issuer } = credential;
  if (typeof issuer === 'string') return issuer;
  return isObject(issuer) && typeof issuer.id === 'string' ? issuer.id : undefined;
}

/**
 * Verifies a status list credential: its shape, its proof (Ed25519Signature2020 through
 * `@digitalbazaar/vc`, which also rejects a list past `validUntil`), the trust in its key,
 * and its encoded bits. The status purpose, the certificate's issuer and the list's validity
 * at `now` are checked per use by {@link checkListUsable}, because cached lists are reused.
 */
export async function verifyStatusListCredential(input: VerifyListInput): Promise<VerifyListResult> {
  const { document, url } = input;
  if (!isObject(document)) return { reason: 'status list credential is not a JSON object' };
  if (document.id !== url) return { reason: `status list credential id "${String(document.id)}" is not its URL` };

  const types = document.type;
  if (!Array.isArray(types) || !types.includes('BitstringStatusListCredential')) {
    return { reason: 'status list credential type is not BitstringStatusListCredential' };
  }
  const subject = document.credentialSubject;
  if (!isObject(subject) || subject.type !== 'BitstringStatusList') {
    return { reason: 'status list credentialSubject type is not BitstringStatusList' };
  }
  if (typeof subject.statusPurpose !== 'string') return { reason: 'status list has no statusPurpose' };
  if (subject.statusSize !== undefined && subject.statusSize !== 1) {
    return { reason: `status list statusSize ${JSON.stringify(subject.statusSize)} is not supported (only 1)` };
  }
  const { encodedList } = subject;
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    return { reason: 'status list encodedList is not multibase base64url (must start with "u")' };
  }
  const ttl = subject.ttl;
  if (ttl !== undefined && !(typeof ttl === 'number' && Number.isFinite(ttl) && ttl >= 0)) {
    return { reason: 'status list ttl is not a non-negative number of milliseconds' };
  }
  const validFrom = parseTime(document.validFrom);
  const validUntil = parseTime(document.validUntil);
  if (validFrom === null || validUntil === null) return { reason: 'status list validFrom or validUntil is not a date' };
  if (validUntil !== undefined && input.now.getTime() > validUntil) return { reason: expiredReason(validUntil) };

  const issuer = issuerId(document);
  if (issuer === undefined) return { reason: 'status list has no issuer' };
  const proof = document.proof;
  if (!isObject(proof) || typeof proof.verificationMethod !== 'string') {
    return { reason: 'status list has no proof with a verificationMethod' };
  }
  if (!input.isTrustedKey(proof.verificationMethod, issuer)) {
    return { reason: `status list is signed by "${proof.verificationMethod}", which is not trusted for "${issuer}"` };
  }

  const verification = await verifySignature(document, input);
  if (verification !== undefined) return { reason: verification };

  const size = checkDecompressedSize(encodedList);
  if (size !== undefined) return { reason: size };
  let list: BitstringStatusList;
  try {
    list = await BitstringStatusList.decode({ encodedList });
  } catch {
    return { reason: 'status list encodedList is not base64url-encoded GZIP data' };
  }
  if (list.length < MIN_STATUS_LIST_LENGTH) {
    return { reason: `status list has ${list.length} entries, fewer than the minimum ${MIN_STATUS_LIST_LENGTH}` };
  }

  return {
    list: Object.freeze({
      url,
      issuer,
      verificationMethod: proof.verificationMethod,
      statusPurpose: subject.statusPurpose,
      ...(validFrom === undefined ? {} : { validFrom }),
      ...(validUntil === undefined ? {} : { validUntil }),
      ...(ttl === undefined ? {} : { ttlMs: ttl }),
      length: list.length,
      getStatus: (index: number) => list.getStatus(index),
      origin: input.origin,
      retrievedAt: input.retrievedAt,
    }),
  };
}

/** Largest status list a verifier decompresses: 16,777,216 entries, 2 MiB. */
export const MAX_STATUS_LIST_BYTES = 2 * 1024 * 1024;

/**
 * Inflates `encodedList` with a bound before the library decodes it, so a small list cannot
 * expand into a large allocation. Returns the reason for rejecting it, if any.
 */
function checkDecompressedSize(encodedList: string): string | undefined {
  let compressed: Uint8Array;
  try {
    const base64 = encodedList.slice(1).replace(/-/g, '+').replace(/_/g, '/');
    compressed = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  } catch {
    return 'status list encodedList is not base64url-encoded';
  }
  const inflated = inflateBounded(compressed, { maxBytes: MAX_STATUS_LIST_BYTES, gzip: true });
  if ('error' in inflated) return `status list encodedList is not usable GZIP data: ${inflated.message}`;
  return undefined;
}

async function verifySignature(document: Json, input: VerifyListInput): Promise<string | undefined> {
  const method = (document.proof as { verificationMethod?: unknown } | undefined)?.verificationMethod;
  try {
    await input.documentLoader(String(method));
  } catch {
    return `status list signing key "${String(method)}" could not be loaded: the document loader must serve trusted keys (see createTrustStore)`;
  }
  try {
    const result = await verifyCredential({
      credential: structuredClone(document),
      suite: new Ed25519Signature2020(),
      documentLoader: input.documentLoader,
      now: input.now,
    });
    // One generic message: the library's reason may quote attacker-controlled content.
    return result.verified ? undefined : 'status list signature is invalid';
  } catch {
    return 'status list signature is invalid';
  }
}

/** Inputs of {@link checkListUsable}. */
export interface UsableInput {
  readonly issuer: string;
  readonly statusPurpose: string;
  readonly now: number;
  readonly isTrustedKey: IsTrustedKey;
  /**
   * Oldest time accepted for a snapshot, and for the `validFrom` of a list without
   * `validUntil`, in milliseconds since the epoch.
   */
  readonly oldestSnapshot: number;
}

/** Returns why a verified list cannot be used for a certificate now, or `undefined`. */
export function checkListUsable(list: VerifiedStatusList, input: UsableInput): string | undefined {
  if (list.issuer !== input.issuer) {
    return `status list issuer "${list.issuer}" is not the certificate issuer "${input.issuer}"`;
  }
  if (!input.isTrustedKey(list.verificationMethod, list.issuer)) {
    return `status list is signed by "${list.verificationMethod}", which is not trusted for "${list.issuer}"`;
  }
  if (list.statusPurpose !== input.statusPurpose) {
    return `status list purpose "${list.statusPurpose}" is not "${input.statusPurpose}"`;
  }
  if (list.validUntil !== undefined && input.now > list.validUntil) {
    return expiredReason(list.validUntil);
  }
  if (list.validFrom !== undefined && input.now + MAX_CLOCK_SKEW_MS < list.validFrom) {
    return `status list is not valid before ${new Date(list.validFrom).toISOString()}`;
  }
  if (list.validUntil === undefined && (list.validFrom ?? list.retrievedAt) < input.oldestSnapshot) {
    return 'status list has no validUntil and is older than the maximum age (maxSnapshotAgeMs)';
  }
  if (list.origin === 'snapshot' && list.retrievedAt < input.oldestSnapshot) {
    return `status list snapshot taken at ${new Date(list.retrievedAt).toISOString()} is older than the maximum snapshot age`;
  }
  return undefined;
}

function expiredReason(validUntil: number): string {
  return `status list expired at ${new Date(validUntil).toISOString()}`;
}
