import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';

import { generateIssuerKey, issue } from '@vaxcert/issuer-sdk';
import { createDocumentLoader, type CertifyRequest, type DocumentLoader } from '@vaxcert/schemas';
import { canonizeDocument } from '@vaxcert/schemas/canonize';

import { NOW, readJsonLines } from './support.js';

const requests = readJsonLines<CertifyRequest>('certify-requests.jsonl');
const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in', seed: new Uint8Array(32).fill(9) });

/** Runs the canonicalization of `jsonld-signatures`, the reference for every comparison. */
async function reference(document: object, documentLoader: DocumentLoader): Promise<string> {
  return jsonld.canonize(document, { algorithm: 'RDFC-1.0', base: null, format: 'application/n-quads', safe: true, rdfDirection: 'i18n-datatype', documentLoader });
}

/** Canonicalizes with both and returns both outcomes: the N-Quads, or the error's presence. */
async function both(document: object, documentLoader: DocumentLoader): Promise<[string, string]> {
  const outcome = (promise: Promise<string>) => promise.then((nquads) => nquads, () => 'error');
  return [await outcome(canonizeDocument(document, documentLoader)), await outcome(reference(document, documentLoader))];
}

describe('canonizeDocument on issued certificates', () => {
  it('matches jsonld.canonize on every sample', async () => {
    // Both profiles, and both the credential and its proof options.
    const documentLoader = createDocumentLoader();
    let compared = 0;
    for (const profile of ['full', 'compact'] as const) {
      for (const request of requests) {
        const { credential } = await issue({ request, key, now: NOW, profile });
        const { proof, ...document } = credential as unknown as { proof: Record<string, unknown> } & Record<string, unknown>;
        const { proofValue: _proofValue, ...proofOptions } = proof;
        const options = { '@context': document['@context'], ...proofOptions };
        const [fast, slow] = await both(document, documentLoader);
        expect(fast).toBe(slow);
        const [fastProof, slowProof] = await both(options, documentLoader);
        expect(fastProof).toBe(slowProof);
        compared += 2;
      }
    }
    expect(compared).toBe(requests.length * 4);
  });
});
