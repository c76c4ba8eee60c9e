import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

import * as base58 from 'base58-universal';

import { IssuerError } from '../errors.js';
import type { IssuerKey } from '../keys/issuer-key.js';

/** A signer in the shape `jsonld-signatures` suites expect. */
export interface Signer {
  readonly id: string;
  readonly algorithm: 'Ed25519';
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

// DER header of a PKCS #8 Ed25519 private key (RFC 8410), followed by the 32-byte seed.
const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
// Multicodec header of an Ed25519 private key in `privateKeyMultibase` (0x1300, varint).
const MULTICODEC_ED25519_PRIVATE = [0x80, 0x26];

const signers = new WeakMap<IssuerKey, Signer>();

function privateKeyObject(key: IssuerKey): KeyObject {
  const multibase = key.keyPair.export({ privateKey: true }).privateKeyMultibase;
  if (multibase === undefined) {
    throw new IssuerError('ERR_KEY_NOT_PRIVATE', `key "${key.id}" has no private key and cannot sign`);
  }
  const bytes = multibase.startsWith('z') ? base58.decode(multibase.slice(1)) : new Uint8Array();
  const headerMatches = bytes[0] === MULTICODEC_ED25519_PRIVATE[0] && bytes[1] === MULTICODEC_ED25519_PRIVATE[1];
  if (!headerMatches || bytes.length !== 66) {
    throw new IssuerError('ERR_KEY_INVALID', `key "${key.id}" has a malformed privateKeyMultibase`);
  }
  const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
  der.set(PKCS8_ED25519_PREFIX);
  der.set(bytes.subarray(2, 34), PKCS8_ED25519_PREFIX.length);
  return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
}

/**
 * Returns the signer of an issuer key, building Node's private key object once per key:
 * creating it derives the public key, which costs about half a millisecond per signature.
 */
export function signerFor(key: IssuerKey): Signer {
  let signer = signers.get(key);
  if (!signer) {
    const privateKey = privateKeyObject(key);
    signer = {
      id: key.id,
      algorithm: 'Ed25519',
      sign: async ({ data }) => new Uint8Array(sign(null, data, privateKey)),
    };
    signers.set(key, signer);
  }
  return signer;
}
