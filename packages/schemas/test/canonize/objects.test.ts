// Documents whose @context or values are objects jsonld copies in its own way, and context
// URLs it resolves in its own way. The second document of each list builds the template,
// and the third reuses it.
import { describe, it } from 'vitest';

import { createDocumentLoader } from '@vaxcert/schemas';

import { ex, expectSame } from './support.js';

const context = { '@version': 1.1, id: '@id', q: `${ex}q`, link: { '@id': `${ex}link`, '@type': '@id' } };

describe('@context values that are not plain JSON', () => {
  // The shape key contains JSON.stringify of each @context, and the term collection reads own
  // properties only. jsonld copies the document with util.clone, which keeps inherited
  // enumerable properties, and rejects a context that is not a plain object.
  it('prefix inherited by the context object', async () => {
    // jsonld finds the inherited prefix "ex" and expands "ex:b", so own properties alone
    // would miss the prefix and keep "ex:b" as an absolute IRI.
    const inherited = Object.assign(Object.create({ ex }) as object, context);
    await expectSame([
      { '@context': inherited, id: 'urn:s', link: 'urn:a' },
      { '@context': inherited, id: 'urn:s', link: 'urn:b' },
      { '@context': inherited, id: 'urn:s', link: 'ex:b' },
    ]);
  });

  it('Map in the context array', async () => {
    // JSON.stringify writes a Map as {}, the shape of an empty context, while jsonld rejects
    // a Map as an invalid local context.
    await expectSame([
      { '@context': [context, {}], id: 'urn:s', q: 'a' },
      { '@context': [context, {}], id: 'urn:s', q: 'b' },
      { '@context': [context, new Map()], id: 'urn:s', q: 'c' },
    ]);
  });
});

describe('value objects jsonld copies as strings', () => {
  it('plain object with Symbol.toStringTag', async () => {
    // util.clone copies an object whose toString tag is not "Object" as its toString() text,
    // even when its prototype is Object.prototype.
    const blobContext = { ...context, blob: `${ex}blob` };
    const tagged = { q: 'z', [Symbol.toStringTag]: 'Tagged' };
    await expectSame([
      { '@context': blobContext, id: 'urn:s', blob: { q: 'x' } },
      { '@context': blobContext, id: 'urn:s', blob: { q: 'y' } },
      { '@context': blobContext, id: 'urn:s', blob: tagged },
    ]);
  });
});

describe('context URL inside a remote context', () => {
  it('upper-case absolute context URL', async () => {
    // jsonld loads an absolute URL as written (url.prependBase), where new URL() would load
    // "https://ctx.example/b.jsonld", which lacks the prefix "ex".
    const documents = {
      'https://ctx.example/a.jsonld': JSON.stringify({ '@context': ['HTTPS://CTX.EXAMPLE/b.jsonld', context] }),
      'HTTPS://CTX.EXAMPLE/b.jsonld': JSON.stringify({ '@context': { ex } }),
      'https://ctx.example/b.jsonld': JSON.stringify({ '@context': { other: `${ex}other` } }),
    };
    const documentLoader = createDocumentLoader({ documents: documents as never });
    await expectSame(
      [
        { '@context': 'https://ctx.example/a.jsonld', id: 'urn:s', link: 'urn:a' },
        { '@context': 'https://ctx.example/a.jsonld', id: 'urn:s', link: 'urn:b' },
        { '@context': 'https://ctx.example/a.jsonld', id: 'urn:s', link: 'ex:b' },
      ],
      documentLoader,
    );
  });
});

describe('properties a walk over own entries misses', () => {
  it('non-enumerable @context', async () => {
    // jsonld reads `@context` with the `in` operator, so it finds a non-enumerable one. The
    // placeholder copy has no context at all, so no template is built for this shape.
    const withHidden = (q: string) => {
      const document = { id: 'urn:s', q };
      Object.defineProperty(document, '@context', { value: context, enumerable: false });
      return document;
    };
    await expectSame([withHidden('a'), withHidden('b'), withHidden('c')]);
  });
});

