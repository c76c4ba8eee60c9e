import { readFileSync } from 'node:fs';

import {
  createDidDocument,
  createMemoryStatusListStore,
  exportIssuerKey,
  generateIssuerKey,
  issue,
  type IssuerKey,
  StatusListManager,
} from '@vaxcert/issuer-sdk';
import {
  createDocumentLoader,
  ED25519_2020_CONTEXT_URL,
  type CertifyRequest,
  type JsonLdDocument,
} from '@vaxcert/schemas';

/** Fixed clock of the status tests: after every sample vaccination. */
export const NOW = new Date('2026-06-01T00:00:00Z');
export const HOUR = 3_600_000;
export const BASE_URL = 'https://certify.example.gov.in/status-lists';

/** Returns the sample certify request at `index` of the shared test vectors. */
export function sampleRequest(index = 0): CertifyRequest {
  const url = new URL('../../../../test-vectors/sample/certify-requests.jsonl', import.meta.url);
  const lines = readFileSync(url, 'utf8').split('\n').filter((line) => line.trim() !== '');
  return JSON.parse(lines[index]!) as CertifyRequest;
}

function keyDocument(key: IssuerKey): JsonLdDocument {
  return { '@context': ED25519_2020_CONTEXT_URL, ...exportIssuerKey(key) };
}

/**
 * Creates an issuer with a status list manager (lists expire after 24 hours, `ttl` 1 hour), a second
 * key of the same DID that verifiers do not trust, and a second issuer they do trust.
 */
export async function setUpStatus() {
  const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in', seed: new Uint8Array(32).fill(7) });
  const untrustedKey = await generateIssuerKey({
    did: 'did:web:certify.example.gov.in',
    seed: new Uint8Array(32).fill(8),
    keyFragment: 'untrusted',
  });
  const otherIssuerKey = await generateIssuerKey({ did: 'did:web:other.example.org', seed: new Uint8Array(32).fill(9) });

  const didDocument = createDidDocument({ keys: [key, untrustedKey] });
  const otherDidDocument = createDidDocument({ keys: [otherIssuerKey] });
  const documentLoader = createDocumentLoader({
    documents: {
      [didDocument.id]: didDocument as unknown as JsonLdDocument,
      [otherDidDocument.id]: otherDidDocument as unknown as JsonLdDocument,
      [key.id]: keyDocument(key),
      [untrustedKey.id]: keyDocument(untrustedKey),
      [otherIssuerKey.id]: keyDocument(otherIssuerKey),
    },
  });
  const trusted = new Set([`${key.id} ${key.controller}`, `${otherIssuerKey.id} ${otherIssuerKey.controller}`]);
  const isTrustedKey = (verificationMethodId: string, issuer: string) => trusted.has(`${verificationMethodId} ${issuer}`);

  const store = createMemoryStatusListStore();
  const manager = new StatusListManager({ store, baseUrl: BASE_URL, ttlMs: HOUR, validityMs: 24 * HOUR });

  /** Issues a certificate with status entries for the sample request at `index`. */
  async function issueCertificate(index = 0) {
    const credentialStatus = await manager.allocate();
    const result = await issue({ request: sampleRequest(index), key, now: NOW, credentialStatus });
    return { ...result, credentialStatus };
  }

  /** Publishes every list at `now` and returns them keyed by URL. */
  async function publishAll(now: Date) {
    const published = new Map<string, Record<string, unknown>>();
    for (const listId of await manager.listIds()) {
      const credential = await manager.publish({ listId, key, now });
      published.set(credential.id, credential as unknown as Record<string, unknown>);
    }
    return published;
  }

  return {
    key,
    untrustedKey,
    otherIssuerKey,
    manager,
    documentLoader,
    isTrustedKey,
    issueCertificate,
    publishAll,
  };
}

/** Returns a fetcher over a map of URL to JSON that records its calls and rejects unknown URLs. */
export function mapFetcher(documents: () => Map<string, unknown>) {
  const calls: string[] = [];
  const fetch = async (url: string) => {
    calls.push(url);
    const document = documents().get(url);
    if (document === undefined) throw new Error(`404 for ${url}`);
    return structuredClone(document);
  };
  return { fetch, calls };
}
