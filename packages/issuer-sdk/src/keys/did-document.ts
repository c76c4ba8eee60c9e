import { DID_V1_CONTEXT_URL, ED25519_2020_CONTEXT_URL } from '@vaxcert/schemas';

import { exportIssuerKey, type IssuerKey, type SerializedIssuerKey } from './issuer-key.js';

/** A DID document listing an issuer's Ed25519VerificationKey2020 keys. */
export interface IssuerDidDocument {
  '@context': [typeof DID_V1_CONTEXT_URL, typeof ED25519_2020_CONTEXT_URL];
  id: string;
  verificationMethod: SerializedIssuerKey[];
  assertionMethod: string[];
  authentication?: string[];
}

/** Options of {@link createDidDocument}. */
export interface CreateDidDocumentOptions {
  /** Keys that sign now; they are listed as assertion methods. */
  readonly keys: readonly (IssuerKey | SerializedIssuerKey)[];
  /**
   * Retired keys. They stay in the document with their `revoked` time so proofs made
   * before it still verify, but they are not assertion methods any more.
   */
  readonly retiredKeys?: readonly (IssuerKey | SerializedIssuerKey)[];
}

function publicForm(key: IssuerKey | SerializedIssuerKey): SerializedIssuerKey {
  const serialized = 'keyPair' in key ? exportIssuerKey(key) : key;
  const { privateKeyMultibase: _private, ...publicKey } = serialized;
  return publicKey;
}

/**
 * Builds the DID document verifiers need to trust an issuer: `did:web` (serve it at
 * `/.well-known/did.json`) or `did:key`. Private keys are never included.
 *
 * @example
 * const document = createDidDocument({ keys: [key] });
 * await writeFile('did.json', JSON.stringify(document));
 */
export function createDidDocument(options: CreateDidDocumentOptions): IssuerDidDocument {
  const current = options.keys.map(publicForm);
  const retired = (options.retiredKeys ?? []).map(publicForm);
  const all = [...current, ...retired];
  if (current.length === 0) throw new TypeError('"keys" must list at least one key');

  const did = all[0]!.controller;
  const foreign = all.find((key) => key.controller !== did);
  if (foreign) {
    throw new TypeError(`key "${foreign.id}" belongs to "${foreign.controller}", not "${did}"`);
  }
  for (const key of retired) {
    if (key.revoked === undefined) throw new TypeError(`retired key "${key.id}" needs a "revoked" time`);
  }

  return {
    '@context': [DID_V1_CONTEXT_URL, ED25519_2020_CONTEXT_URL],
    id: did,
    verificationMethod: all,
    assertionMethod: current.map((key) => key.id),
  };
}

/**
 * Converts an HTTPS origin and optional path to a `did:web` identifier, for example
 * `https://certify.example.gov.in:8443/issuers/1` to `did:web:certify.example.gov.in%3A8443:issuers:1`.
 */
export function didWebFromUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw new TypeError(`did:web needs an https URL, got "${url}"`);
  const host = parsed.port ? `${parsed.hostname}%3A${parsed.port}` : parsed.hostname;
  const path = parsed.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path].join(':');
}
