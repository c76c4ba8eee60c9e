import { readFileSync } from 'node:fs';

import { zipSync, type ZipOptions } from 'fflate';
import jsonld from 'jsonld';

import { getLegacyDocumentLoader, SECURITY_V2_CONTEXT_URL } from '../../src/legacy/contexts.js';
import type { LegacyTrustedKey } from '../../src/legacy/index.js';

const vectors = new URL('../../../../test-vectors/legacy/', import.meta.url);

function readVector(name: string): string {
  return readFileSync(new URL(name, vectors), 'utf8');
}

export type Json = Record<string, unknown>;

/** Text of the real Co-WIN QR code: `B64:` and the base64 of the ZIP archive. */
export const cowinQrText = readVector('cowin-india-sample.qr.txt').trim();

/** Bytes of the real Co-WIN QR code. */
export const cowinQrBytes = Uint8Array.from(atob(cowinQrText.slice(4)), (char) => char.charCodeAt(0));

/** Returns a fresh copy of the real Co-WIN credential, for tests that change it. */
export function cowinCredential(): Json {
  return JSON.parse(readVector('cowin-india-sample.credential.json')) as Json;
}

const divocVector = JSON.parse(readVector('divoc-ed25519-2018-sample.json')) as {
  publicKeyBase58: string;
  credential: Json;
};

/** Returns a fresh copy of the DIVOC Ed25519Signature2018 credential. */
export function divocCredential(): Json {
  return structuredClone(divocVector.credential);
}

export const indiaRsaKey: LegacyTrustedKey = {
  id: 'did:india',
  type: 'RsaVerificationKey2018',
  publicKeyPem: readVector('cowin-did-india.public.pem'),
};

export const divocEd25519Key: LegacyTrustedKey = {
  id: 'did:india',
  type: 'Ed25519VerificationKey2018',
  publicKeyBase58: divocVector.publicKeyBase58,
};

/** Fixed clock of the legacy tests: after the issuance of both vectors. */
export const NOW = new Date('2026-06-01T00:00:00Z');

/** Zips a credential as a Co-WIN QR payload does: one entry, `certificate.json`. */
export function zipCredential(credential: Json, options: ZipOptions = {}): Uint8Array {
  const bytes = new TextEncoder().encode(JSON.stringify(credential));
  return zipSync({ 'certificate.json': [bytes, options] });
}

/** The bytes as a scanner returns them when it decodes byte mode as ISO-8859-1. */
export function toLatin1(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
}

/**
 * Signs a credential with Ed25519Signature2018 the way DIVOC does, with a key made for the
 * test, so tests can vary dates and doses under a valid signature.
 */
export async function signWithTestKey(unsigned: Json, verificationMethod = 'did:test') {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const publicKeyPem = `-----BEGIN PUBLIC KEY-----\n${btoa(toLatin1(spki))}\n-----END PUBLIC KEY-----`;
  const key: LegacyTrustedKey = { id: verificationMethod, type: 'Ed25519VerificationKey2018', publicKeyPem };

  const options = {
    type: 'Ed25519Signature2018',
    created: '2021-08-27T10:57:57Z',
    verificationMethod,
    proofPurpose: 'assertionMethod',
  };
  const header = base64url(new TextEncoder().encode('{"alg":"EdDSA","b64":false,"crit":["b64"]}'));
  const data = [
    new TextEncoder().encode(`${header}.`),
    await hashCanonical({ '@context': SECURITY_V2_CONTEXT_URL, ...options }),
    await hashCanonical(unsigned),
  ];
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, concat(data));
  const credential = { ...unsigned, proof: { ...options, jws: `${header}..${base64url(new Uint8Array(signature))}` } };
  return { credential, key };
}

async function hashCanonical(input: object): Promise<Uint8Array> {
  const documentLoader = getLegacyDocumentLoader();
  const canonical = await jsonld.canonize(input, { algorithm: 'URDNA2015', format: 'application/n-quads', documentLoader, safe: true });
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical)));
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

function base64url(bytes: Uint8Array): string {
  return btoa(toLatin1(bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
