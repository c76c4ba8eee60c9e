import { readFileSync } from 'node:fs';

import { createDidDocument, generateIssuerKey, issue, type IssuerKey } from '@vaxcert/issuer-sdk';
import type { CertifyRequest } from '@vaxcert/schemas';

const vectors = new URL('../../../test-vectors/', import.meta.url);

/** Reads a file from the repository's shared test vectors. */
export function readVector(path: string): string {
  return readFileSync(new URL(path, vectors), 'utf8');
}

/** Reads a JSON Lines file from the shared test vectors. */
export function readJsonLines<T>(path: string): T[] {
  return readVector(path)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** The 1,000 sample certify requests. */
export function sampleRequests(): CertifyRequest[] {
  return readJsonLines<CertifyRequest>('sample/certify-requests.jsonl');
}

/** Fixed clock of the tests: after every sample vaccination. */
export const NOW = new Date('2026-06-01T00:00:00Z');

/** An issuer with a deterministic key and its DID document. */
export async function testIssuer(seedByte = 7, did = 'did:web:certify.example.gov.in') {
  const key: IssuerKey = await generateIssuerKey({ did, seed: new Uint8Array(32).fill(seedByte) });
  return { key, didDocument: createDidDocument({ keys: [key] }) };
}

/** Issues one certificate for the first sample request. */
export async function sampleCertificate(key: IssuerKey, index = 0) {
  return issue({ request: sampleRequests()[index], key, now: NOW });
}
