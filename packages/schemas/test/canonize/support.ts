import jsonld from 'jsonld';
import { expect } from 'vitest';

import { createDocumentLoader, type DocumentLoader } from '@vaxcert/schemas';

import { canonizeDocument } from '@vaxcert/schemas/canonize';

/** Vocabulary IRI of the inline test contexts. */
export const ex = 'https://vocab.example/';

/** Runs the canonicalization of `jsonld-signatures`, the reference for every comparison. */
export async function reference(document: object, documentLoader: DocumentLoader): Promise<string> {
  return jsonld.canonize(document, { algorithm: 'RDFC-1.0', base: null, format: 'application/n-quads', safe: true, rdfDirection: 'i18n-datatype', documentLoader });
}

/** Returns the N-Quads a canonicalization gives, or `'error'` when it fails. */
export async function outcome(promise: Promise<string>): Promise<string> {
  return promise.then((nquads) => nquads, () => 'error');
}

/** Canonicalizes with both and returns both outcomes: the N-Quads, or `'error'`. */
export async function both(document: object, documentLoader: DocumentLoader): Promise<[string, string]> {
  return [await outcome(canonizeDocument(document, documentLoader)), await outcome(reference(document, documentLoader))];
}

/**
 * Canonicalizes each document with both, in order, and expects equal outcomes. The sequence
 * runs twice, so the later documents meet templates built from the earlier ones.
 */
export async function expectSame(documents: object[], documentLoader: DocumentLoader = createDocumentLoader()): Promise<void> {
  for (const [index, document] of [...documents, ...documents].entries()) {
    const fast = await outcome(canonizeDocument(document, documentLoader));
    const slow = await outcome(reference(document, documentLoader));
    expect(fast, `document ${index}`).toBe(slow);
  }
}
