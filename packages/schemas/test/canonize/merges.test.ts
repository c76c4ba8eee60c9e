// Documents whose canonical form depends on JSON-LD merging values or nodes, on contexts
// that JSON-LD does not process, or on details of the shape key. Each test feeds a sequence
// of documents to canonizeDocument and jsonld.canonize, with a fresh loader, and expects the
// same outcome for every document: the same N-Quads, or an error from both.
import { describe, it } from 'vitest';

import { createDocumentLoader } from '@vaxcert/schemas';

import { ex, expectSame } from './support.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

describe('values that JSON-LD keeps apart but give the same quad', () => {
  // jsonld merges values only when they are equal as JSON-LD values (same @value, @type,
  // @language, @index), and rdf-canonize keeps duplicate quads. So a repeated quad after
  // substitution must send the document to the full path.
  it('equal strings in @index map', async () => {
    const context = { '@version': 1.1, id: '@id', p: { '@id': `${ex}p`, '@container': '@index' } };
    await expectSame([
      { '@context': context, id: 'urn:s', p: { a: 'x', b: 'y' } },
      { '@context': context, id: 'urn:s', p: { a: 'x', b: 'x' } },
    ]);
  });

  it('integer and its digit string', async () => {
    const context = { '@version': 1.1, id: '@id', n: { '@id': `${ex}n`, '@type': `${ex}T` } };
    await expectSame([
      { '@context': context, id: 'urn:s', n: [1, 'two'] },
      { '@context': context, id: 'urn:s', n: [5, '5'] },
    ]);
  });

  it('plain and xsd:string strings', async () => {
    const context = { '@version': 1.1, id: '@id', a: `${ex}p`, b: { '@id': `${ex}p`, '@type': `${XSD}string` } };
    await expectSame([
      { '@context': context, id: 'urn:s', a: 'x', b: 'y' },
      { '@context': context, id: 'urn:s', a: 'x', b: 'x' },
    ]);
  });

  it('boolean and string "true"', async () => {
    const context = { '@version': 1.1, id: '@id', f: { '@id': `${ex}f`, '@type': `${XSD}boolean` } };
    await expectSame([
      { '@context': context, id: 'urn:s', f: [true, 'x'] },
      { '@context': context, id: 'urn:s', f: [true, 'true'] },
    ]);
  });
});

describe('errors that depend on values', () => {
  // Node map creation fails when one node gets two different @index values. A template
  // built with distinct placeholder ids never merges the two nodes.
  it('one id under two index keys', async () => {
    const context = { '@version': 1.1, id: '@id', p: { '@id': `${ex}p`, '@container': '@index' }, q: `${ex}q` };
    await expectSame([
      { '@context': context, id: 'urn:s', p: { a: { id: 'urn:x', q: 'v' }, b: { id: 'urn:y', q: 'w' } } },
      { '@context': context, id: 'urn:s', p: { a: { id: 'urn:x', q: 'v' }, b: { id: 'urn:x', q: 'w' } } },
    ]);
  });

  it('one id under index keys of two properties', async () => {
    // Here no quad repeats, so only the check on repeated node IRIs catches the merge.
    const index = { '@container': '@index' };
    const context = { '@version': 1.1, id: '@id', p: { '@id': `${ex}p`, ...index }, r: { '@id': `${ex}r`, ...index }, q: `${ex}q` };
    await expectSame([
      { '@context': context, id: 'urn:s', p: { a: { id: 'urn:x', q: 'v' } }, r: { b: { id: 'urn:y', q: 'w' } } },
      { '@context': context, id: 'urn:s', p: { a: { id: 'urn:x', q: 'v' } }, r: { b: { id: 'urn:x', q: 'w' } } },
    ]);
  });
});

describe('contexts that only the module loads', () => {
  // The term collection follows every "@context" key in the document, including one inside a
  // JSON literal, which JSON-LD does not process. A URL the loader rejects there must not fail
  // the canonicalization.
  it('@context key inside @json value', async () => {
    const context = { '@version': 1.1, id: '@id', blob: { '@id': `${ex}blob`, '@type': '@json' }, q: `${ex}q` };
    await expectSame([{ '@context': context, id: 'urn:s', q: 'v', blob: { '@context': 'https://nowhere.example/ctx' } }]);
  });

  // jsonld resolves a relative context URL in a remote context against the URL of that
  // context. It also rewrites the URL in the loaded object, so only a loader that returns
  // JSON text or a copy tests the term collection's own resolution.
  it('relative URL in remote context', async () => {
    const documents = {
      'https://ctx.example/a.jsonld': JSON.stringify({ '@context': ['b.jsonld', { id: '@id' }] }),
      'https://ctx.example/b.jsonld': JSON.stringify({ '@context': { q: `${ex}q` } }),
    };
    const documentLoader = createDocumentLoader({ documents: documents as never });
    await expectSame([{ '@context': 'https://ctx.example/a.jsonld', id: 'urn:s', q: 'v' }], documentLoader);
  });
});

describe('shapes that the shape key does not tell apart', () => {
  // Without a separator after each value, "1e-7" + "55.5" and "1e-75" + "5.5" would give one
  // shape key, and the second document would get the numbers of the first.
  it('adjacent non-integer array numbers', async () => {
    const context = { '@version': 1.1, id: '@id', m: { '@id': `${ex}m`, '@container': '@list' }, q: `${ex}q` };
    await expectSame([
      { '@context': context, id: 'urn:s', q: 'a', m: [1e21, 55.5] },
      { '@context': context, id: 'urn:s', q: 'b', m: [1e215, 5.5] },
    ]);
    await expectSame([
      { '@context': context, id: 'urn:s', q: 'a', m: [1e-7, 55.5] },
      { '@context': context, id: 'urn:s', q: 'b', m: [1e-75, 5.5] },
    ]);
  });
});

describe('documents parsed from JSON with a "__proto__" key', () => {
  // Copying such a document with `copy[key] = ...` sets the copy's prototype instead, and
  // jsonld clones its input with for...in, so the nested object's properties would become
  // properties of the outer node in the copy only.
  it('object under __proto__ key', async () => {
    const context = { '@version': 1.1, '@vocab': ex, id: '@id' };
    const document = JSON.parse(`{"@context": ${JSON.stringify(context)}, "id": "urn:s", "q": "a", "__proto__": {"flag": true}}`) as object;
    await expectSame([document]);
  });
});
