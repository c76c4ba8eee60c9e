// Documents whose canonical form depends on nodes merged by a repeated IRI, on an @import
// URL, or on values that are not plain JSON. Each test runs its documents twice through
// canonizeDocument and jsonld.canonize with one fresh loader, and expects equal N-Quads or
// an error from both.
import { describe, it } from 'vitest';

import { createDocumentLoader } from '@vaxcert/schemas';

import { ex, expectSame } from './support.js';

describe('one IRI under two @index keys', () => {
  // jsonld node map creation records @index even on a bare reference {"@id": X}, and fails
  // when one node gets two index keys. So a repeated IRI in any position, not only as a
  // subject, must send the document to the full path.
  const index = { '@container': '@index' };

  it('two embedded references', async () => {
    const context = { '@version': 1.1, id: '@id', p: { '@id': `${ex}p`, ...index }, r: { '@id': `${ex}r`, ...index } };
    await expectSame([
      { '@context': context, id: 'urn:s', p: { a: { id: 'urn:x' } }, r: { b: { id: 'urn:y' } } },
      { '@context': context, id: 'urn:s', p: { a: { id: 'urn:x' } }, r: { b: { id: 'urn:x' } } },
    ]);
  });

  it('two strings coerced to @id', async () => {
    const refs = { '@container': '@index', '@type': '@id' };
    const context = { '@version': 1.1, id: '@id', p: { '@id': `${ex}p`, ...refs }, r: { '@id': `${ex}r`, ...refs } };
    await expectSame([
      { '@context': context, id: 'urn:s', p: { a: 'urn:x' }, r: { b: 'urn:y' } },
      { '@context': context, id: 'urn:s', p: { a: 'urn:x' }, r: { b: 'urn:x' } },
    ]);
  });

  it('reference to node with properties', async () => {
    const context = { '@version': 1.1, id: '@id', p: { '@id': `${ex}p`, ...index }, r: { '@id': `${ex}r`, ...index }, q: `${ex}q` };
    await expectSame([
      { '@context': context, id: 'urn:s', p: { a: { id: 'urn:x', q: 'v' } }, r: { b: { id: 'urn:y' } } },
      { '@context': context, id: 'urn:s', p: { a: { id: 'urn:x', q: 'v' } }, r: { b: { id: 'urn:x' } } },
    ]);
  });
});

describe('relative @import URL in a remote context', () => {
  // jsonld resolves @import against the base option (null here), so it loads "b.jsonld" as
  // written. A term collection that resolved it against the remote context would miss the
  // prefix "ex" and take "ex:b" as absolute. The loader returns JSON text because jsonld
  // copies imported terms into a loaded context object.
  it('compact IRI whose prefix comes from the import', async () => {
    const documents = {
      'https://ctx.example/a.jsonld': JSON.stringify({ '@context': { '@version': 1.1, '@import': 'b.jsonld', id: '@id', link: { '@id': `${ex}link`, '@type': '@id' } } }),
      'b.jsonld': JSON.stringify({ '@context': { ex } }),
      'https://ctx.example/b.jsonld': JSON.stringify({ '@context': { other: `${ex}other` } }),
    };
    const documentLoader = createDocumentLoader({ documents: documents as never });
    await expectSame(
      [
        { '@context': 'https://ctx.example/a.jsonld', id: 'urn:s', link: 'urn:a' },
        { '@context': 'https://ctx.example/a.jsonld', id: 'urn:s', link: 'ex:b' },
      ],
      documentLoader,
    );
  });
});

describe('values that are not plain JSON', () => {
  // jsonld copies its input with util.clone, which turns a Date into its toString() text and
  // copies inherited enumerable properties, while a shape built from own properties would
  // see a Date as an empty object.
  const context = { '@version': 1.1, id: '@id', q: `${ex}q`, when: `${ex}when`, extra: `${ex}extra` };

  it('Date value', async () => {
    await expectSame([
      { '@context': context, id: 'urn:s', q: 'a', when: {} },
      { '@context': context, id: 'urn:s', q: 'b', when: new Date(0) },
    ]);
  });

  it('inherited enumerable property', async () => {
    const inherited = Object.assign(Object.create({ extra: 'hidden' }) as object, { '@context': context, id: 'urn:s', q: 'c' });
    await expectSame([{ '@context': context, id: 'urn:s', q: 'a' }, inherited]);
  });
});

describe('text direction', () => {
  // jsonld-signatures converts with rdfDirection 'i18n-datatype', which puts the language and
  // direction of a term into the datatype of its literals.
  it('term with a language and a direction', async () => {
    const context = { '@version': 1.1, id: '@id', name: { '@id': `${ex}name`, '@language': 'ar', '@direction': 'rtl' } };
    await expectSame([
      { '@context': context, id: 'urn:s', name: 'one' },
      { '@context': context, id: 'urn:s', name: 'two' },
      { '@context': context, id: 'urn:s', name: 'three' },
    ]);
  });

  it('value object with a direction', async () => {
    const context = { '@version': 1.1, id: '@id', name: `${ex}name` };
    await expectSame([
      { '@context': context, id: 'urn:s', name: { '@value': 'one', '@direction': 'rtl' } },
      { '@context': context, id: 'urn:s', name: { '@value': 'two', '@direction': 'ltr' } },
    ]);
  });
});
