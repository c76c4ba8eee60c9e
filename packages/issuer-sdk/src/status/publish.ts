import { BitstringStatusList, createCredential } from '@digitalbazaar/vc-bitstring-status-list';
import { CREDENTIALS_V2_CONTEXT_URL, ED25519_2020_CONTEXT_URL } from '@vaxcert/schemas';

import { isoSeconds } from '../issue/build-credential.js';
import { signCredential } from '../internal/sign.js';
import type { IssuerKey } from '../keys/issuer-key.js';
import type { StatusListRecord, StatusPurpose } from './store.js';

/** A signed `BitstringStatusListCredential` as published at its URL. */
export interface BitstringStatusListCredential {
  '@context': string[];
  /** The status list credential URL. */
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  /** After this time verifiers must not use the list; publish a new one before. */
  validUntil: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    /** `u` (multibase base64url) followed by the GZIP-compressed bits, no padding. */
    encodedList: string;
    /** Milliseconds after which verifiers should fetch the list again. */
    ttl: number;
  };
  proof: Record<string, unknown>;
}

/** Inputs of {@link signStatusList}. */
export interface SignStatusListInput {
  readonly record: StatusListRecord;
  readonly url: string;
  readonly key: IssuerKey;
  readonly now: Date;
  readonly ttlMs: number;
  readonly validityMs: number;
}

/** Encodes a stored list as a `BitstringStatusListCredential` and signs it. */
export async function signStatusList(input: SignStatusListInput): Promise<BitstringStatusListCredential> {
  // `BitstringStatusList` wraps the whole ArrayBuffer of the view it gets, so pass an
  // exact-size copy.
  const list = new BitstringStatusList({ buffer: input.record.status.slice() });
  const unsigned = await createCredential({
    id: input.url,
    list,
    statusPurpose: input.record.statusPurpose,
  });

  const credential = {
    '@context': [CREDENTIALS_V2_CONTEXT_URL, ED25519_2020_CONTEXT_URL],
    id: unsigned.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.key.controller,
    validFrom: isoSeconds(input.now),
    validUntil: isoSeconds(new Date(input.now.getTime() + input.validityMs)),
    credentialSubject: { ...unsigned.credentialSubject, ttl: input.ttlMs },
  };
  const signed = await signCredential({ credential, key: input.key, date: input.now });
  return signed as unknown as BitstringStatusListCredential;
}
