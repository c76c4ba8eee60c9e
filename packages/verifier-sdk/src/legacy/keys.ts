import { decode as decodeBase58 } from 'base58-universal';

import type { CheckLog, StepFailed } from './checks.js';
import { LEGACY_PROOF_SUITES, type LegacyProof } from './credential.js';
import type { LegacyTrustedKey } from './types.js';

const ALGORITHMS = {
  RsaVerificationKey2018: { name: 'RSA-PSS', hash: 'SHA-256' },
  Ed25519VerificationKey2018: { name: 'Ed25519' },
} as const;

const imported = new WeakMap<LegacyTrustedKey, Promise<CryptoKey>>();

/**
 * Finds the trusted keys whose `id` is the proof's `verificationMethod` and whose type matches
 * the proof type, and imports them with WebCrypto. Imports are cached per key object.
 */
export async function resolveTrustedKeys(
  proof: LegacyProof,
  trustedKeys: unknown,
  log: CheckLog,
): Promise<CryptoKey[] | StepFailed> {
  const { keyType } = LEGACY_PROOF_SUITES[proof.type];
  const candidates = (Array.isArray(trustedKeys) ? (trustedKeys as LegacyTrustedKey[]) : []).filter(
    (key) => key?.id === proof.verificationMethod && key.type === keyType,
  );
  const pointer = '/proof/verificationMethod';
  if (candidates.length === 0) {
    const message = `"${proof.verificationMethod}" is not a trusted ${keyType}`;
    return log.fail('untrusted_issuer', 'ISSUER_TRUST', message, pointer);
  }

  const keys: CryptoKey[] = [];
  for (const candidate of candidates) {
    try {
      keys.push(await importTrustedKey(candidate));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = `trusted key "${candidate.id}" cannot be imported: ${reason}`;
      return log.fail('untrusted_issuer', 'ISSUER_TRUST', message, pointer);
    }
  }

  log.pass('ISSUER_TRUST', `"${proof.verificationMethod}" is a trusted ${keyType}`);
  return keys;
}

function importTrustedKey(key: LegacyTrustedKey): Promise<CryptoKey> {
  let pending = imported.get(key);
  if (pending === undefined) {
    pending = importPublicKey(key);
    imported.set(key, pending);
  }
  return pending;
}

// NOTE: Ed25519 in WebCrypto needs Node.js 18.4+ or Chromium 137+. Older browsers reject the
// import, and the result reports an untrusted issuer.
async function importPublicKey(key: LegacyTrustedKey): Promise<CryptoKey> {
  const algorithm = ALGORITHMS[key.type];
  if (key.publicKeyPem !== undefined) {
    const der = pemToDer(key.publicKeyPem);
    return crypto.subtle.importKey('spki', der, algorithm, false, ['verify']);
  }
  if (key.type === 'Ed25519VerificationKey2018' && key.publicKeyBase58 !== undefined) {
    const raw = new Uint8Array(decodeBase58(key.publicKeyBase58));
    return crypto.subtle.importKey('raw', raw, algorithm, false, ['verify']);
  }
  const fields =
    key.type === 'Ed25519VerificationKey2018' ? 'publicKeyPem or publicKeyBase58' : 'publicKeyPem';
  throw new TypeError(`${key.type} needs ${fields}`);
}

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const match = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(pem);
  if (match?.[1] === undefined) throw new TypeError('publicKeyPem is not a PEM "PUBLIC KEY"');

  return Uint8Array.from(atob(match[1].replace(/\s/g, '')), (char) => char.charCodeAt(0));
}
