// Documents of one inline context whose values expand in different ways: terms, compact
// IRIs, blank node labels, relative IRIs, repeated values, numbers and escapes. Each case
// runs a base document and a changed one, twice, through canonizeDocument and
// jsonld.canonize, and expects the same outcome.
import { describe, expect, it } from 'vitest';

import { createDocumentLoader } from '@vaxcert/schemas';
import { canonizeDocument, templateCount } from '@vaxcert/schemas/canonize';

import { both, reference } from './support.js';

/** An inline context with the kinds of term definitions that change how values expand. */
const CONTEXT = {
  '@version': 1.1,
  ex: 'https://vocab.example/',
  id: '@id',
  type: '@type',
  Thing: 'ex:Thing',
  Other: { '@id': 'ex:Other', '@context': { label: { '@id': 'ex:otherLabel', '@language': 'fr' } } },
  label: 'ex:label',
  tags: { '@id': 'ex:tags', '@container': '@set' },
  link: { '@id': 'ex:link', '@type': '@id' },
  kind: { '@id': 'ex:kind', '@type': '@vocab' },
  count: { '@id': 'ex:count', '@type': 'ex:countType' },
  ratio: { '@id': 'ex:ratio', '@type': 'http://www.w3.org/2001/XMLSchema#double' },
  blob: { '@id': 'ex:blob', '@type': '@json' },
  when: { '@id': 'ex:when', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' },
  child: 'ex:child',
};

interface Values {
  id: string;
  label: unknown;
  link: string;
  kind: string;
  count: unknown;
  tags: unknown[];
  childId: string;
  ratio?: unknown;
  blob?: unknown;
}

function thing(values: Values): object {
  return {
    '@context': CONTEXT,
    id: values.id,
    type: 'Thing',
    label: values.label,
    tags: values.tags,
    link: values.link,
    kind: values.kind,
    count: values.count,
    ...(values.ratio === undefined ? {} : { ratio: values.ratio }),
    ...(values.blob === undefined ? {} : { blob: values.blob }),
    when: '2026-01-01T00:00:00Z',
    child: { id: values.childId, type: 'Other', label: 'bonjour' },
  };
}

const BASE = {
  id: 'https://things.example/1',
  label: 'first',
  link: 'https://links.example/a',
  kind: 'https://kinds.example/k',
  count: 3,
  tags: ['a', 'b'],
  childId: 'https://things.example/child',
};

describe('canonizeDocument on values that expand in other ways', () => {
  it('keeps a template from the second document', async () => {
    const documentLoader = createDocumentLoader();
    expect(await canonizeDocument(thing(BASE), documentLoader)).toBe(await reference(thing(BASE), documentLoader));
    expect(templateCount(documentLoader)).toEqual({ shapes: 0, usable: 0 });
    const [fast, slow] = await both(thing(BASE), documentLoader);
    expect(fast).toBe(slow);
    expect(templateCount(documentLoader)).toEqual({ shapes: 1, usable: 1 });
  });

  const cases: [string, Partial<Values>][] = [
    ['the same shape with other plain values', { id: 'urn:uuid:3f1c2a9e-0000-4000-8000-000000000001', label: 'second', count: 40 }],
    ['a term where IRIs are expected under @vocab', { kind: 'Thing' }],
    ['a compact IRI with a defined prefix', { link: 'ex:target', kind: 'ex:Other' }],
    ['a term that is also a prefix in an @id', { id: 'ex:node' }],
    ['a blank node identifier', { id: '_:b7', childId: '_:b7' }],
    ['a relative IRI, which safe mode refuses', { link: 'relative/path' }],
    ['an IRI with a double-slash suffix after a term prefix', { link: 'ex://host/path' }],
    ['repeated literals, which RDF keeps once', { tags: ['same', 'same'] }],
    ['a node that names itself as its child', { childId: 'https://things.example/1' }],
    ['equal subject and link values', { link: 'https://things.example/1' }],
    ['a negative and a zero count', { count: -0 }],
    ['a large count', { count: Number.MAX_SAFE_INTEGER }],
    ['a fractional count, which is part of the shape', { count: 2.5 }],
    ['a count written as a string', { count: '7' }],
    ['an integer under a double datatype', { ratio: 5 }],
    ['a string under a double datatype', { ratio: '5' }],
    ['strings and integers inside a JSON literal', { blob: { nested: [1, 'two'] } }],
    ['empty strings', { label: '', link: '' }],
    ['characters that N-Quads escapes', { label: 'line\nbreak "quoted" \\ tab\t' }],
    ['a keyword-like value', { link: '@type', kind: '@vocab' }],
    ['an IRI with spaces', { link: 'https://bad.example/a b' }],
  ];

  it.each(cases)('matches jsonld.canonize: %s', async (_name, changes) => {
    const documentLoader = createDocumentLoader();
    // The first document builds the template; the changed one must then agree with the reference.
    const changed: Values = { ...BASE, ...changes };
    // The ratio and JSON cases change the shape; give their base document the same keys.
    const base: Values = { ...BASE, ...('ratio' in changes ? { ratio: 1 } : {}), ...('blob' in changes ? { blob: { nested: [0, 'zero'] } } : {}) };
    for (const values of [base, changed, base, changed]) {
      const [fast, slow] = await both(thing(values), documentLoader);
      expect(fast).toBe(slow);
    }
  });

  it('matches jsonld.canonize on 400 documents drawn from awkward values', async () => {
    const documentLoader = createDocumentLoader();
    const pool = ['plain', 'Thing', 'Other', 'ex:x', 'ex', '_:b0', '_:b1', 'https://a.example/', 'https://a.example/', 'urn:uuid:1', 'label', '', 'relative', 'did:web:x.example', 'mailto:a@b.example', '@id', 'tags'];
    let state = 0x2545f491;
    const pick = <T>(items: T[]): T => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return items[state % items.length]!;
    };
    let errors = 0;
    for (let index = 0; index < 400; index += 1) {
      const values = {
        id: pick(pool),
        label: pick([...pool, 4, 'x']),
        link: pick(pool),
        kind: pick(pool),
        count: pick([0, 1, 17, '3', 1.25]),
        tags: [pick(pool), pick(pool)],
        childId: pick(pool),
      };
      const [fast, slow] = await both(thing(values), documentLoader);
      expect(fast, JSON.stringify(values)).toBe(slow);
      if (slow === 'error') errors += 1;
    }
    // Both outcomes occur, so the comparison covers refusals as well as results.
    expect(errors).toBeGreaterThan(20);
    expect(errors).toBeLessThan(380);
  });

  it('matches jsonld.canonize with keyword keys', async () => {
    // Documents with JSON-LD keywords as keys take the full path.
    const documentLoader = createDocumentLoader();
    const document = { '@context': CONTEXT, '@id': 'https://x.example/1', label: { '@value': 'v', '@language': 'en' } };
    const [fast, slow] = await both(document, documentLoader);
    expect(fast).toBe(slow);
    expect(fast).toContain('"v"@en');
  });
});
