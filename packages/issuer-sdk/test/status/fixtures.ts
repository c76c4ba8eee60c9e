import { readFileSync } from 'node:fs';

import type { CertifyRequest } from '@vaxcert/schemas';

import { generateIssuerKey } from '../../src/keys/issuer-key.js';
import { StatusListManager } from '../../src/status/manager.js';
import { createMemoryStatusListStore } from '../../src/status/store.js';

/** Fixed clock of the status tests: after every sample vaccination. */
export const NOW = new Date('2026-06-01T00:00:00Z');

export const BASE_URL = 'https://certify.example.gov.in/status-lists';

/** Returns the first `count` sample certify requests of the shared test vectors. */
export function sampleRequests(count = 1): CertifyRequest[] {
  const text = readFileSync(new URL('../../../../test-vectors/sample/certify-requests.jsonl', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, count)
    .map((line) => JSON.parse(line) as CertifyRequest);
}

/** Creates an issuer key with a deterministic seed, a memory store and a manager over it. */
export async function setUpIssuer(options: { listLength?: number } = {}) {
  const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in', seed: new Uint8Array(32).fill(7) });
  const store = createMemoryStatusListStore();
  const manager = new StatusListManager({ store, baseUrl: BASE_URL, ...options });
  return { key, store, manager };
}
