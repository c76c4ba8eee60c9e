import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  DocumentNotBundledError,
  VACCINATION_CONTEXT_V1_URL,
  VACCINATION_CREDENTIAL_CONTEXTS,
  createDocumentLoader,
  vaccinationContextV1,
} from '@vaxcert/schemas';

type Definition = string | { '@id'?: string; '@context'?: Record<string, Definition> };

/** Every term of a context and its type-scoped contexts, with the IRI it expands to. */
function terms(context: Record<string, Definition>, scope: string): { term: string; iri: string }[] {
  const prefixes = new Map([['xsd', 'http://www.w3.org/2001/XMLSchema#']]);
  const found: { term: string; iri: string }[] = [];
  for (const [term, definition] of Object.entries(context)) {
    if (term.startsWith('@') || prefixes.has(term)) continue;
    const id = typeof definition === 'string' ? definition : definition['@id'];
    if (id === undefined || id.startsWith('@')) continue;
    found.push({ term: `${scope}${term}`, iri: id });
    if (typeof definition === 'object' && definition['@context']) {
      found.push(...terms(definition['@context'], `${scope}${term}.`));
    }
  }
  return found;
}

describe('vaccination context', () => {
  const context = vaccinationContextV1['@context'] as unknown as Record<string, Definition>;
  const all = terms(context, '');

  it('ships the same document as a file and as an export', () => {
    const file = readFileSync(new URL('../contexts/vaccination-v1.jsonld', import.meta.url), 'utf8');
    expect(JSON.parse(file)).toEqual(vaccinationContextV1);
  });

  it('maps every pair of terms to different IRIs', () => {
    const byIri = new Map<string, Set<string>>();
    for (const { term, iri } of all) {
      const name = term.split('.').at(-1)!;
      byIri.set(iri, (byIri.get(iri) ?? new Set()).add(name));
    }
    const shared = [...byIri].filter(([, names]) => names.size > 1).map(([iri, names]) => `${iri}: ${[...names].join(', ')}`);
    expect(shared).toEqual([]);
    expect(all.length).toBeGreaterThan(30);
  });

  it('gives the fields DIVOC mapped to one IRI their own IRIs', () => {
    const iriOf = (term: string) => all.find((entry) => entry.term === term)?.iri;
    const pairs = [['dose', 'totalDoses'], ['vaccine', 'batch'], ['effectiveStart', 'effectiveUntil'], ['date', 'effectiveStart']];
    for (const [first, second] of pairs) {
      expect(iriOf(first!)).toBeDefined();
      expect(iriOf(first!)).not.toBe(iriOf(second!));
    }
  });

  it('protects every term and scopes none by type', () => {
    expect(context['@protected' as keyof typeof context]).toBe(true);
    for (const definition of Object.values(context)) {
      if (typeof definition === 'object') expect(definition).not.toHaveProperty('@context');
    }
  });

  it('lists the credential contexts in signing order', () => {
    expect(VACCINATION_CREDENTIAL_CONTEXTS).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      VACCINATION_CONTEXT_V1_URL,
      'https://w3id.org/security/suites/ed25519-2020/v1',
    ]);
  });
});

describe('document loader', () => {
  it('serves every bundled credential context', async () => {
    const loader = createDocumentLoader();
    for (const url of VACCINATION_CREDENTIAL_CONTEXTS) {
      const loaded = await loader(url);
      expect(loaded.documentUrl).toBe(url);
      expect(loaded.document).toHaveProperty('@context');
    }
  });

  it('rejects any other URL with a typed error', async () => {
    const loader = createDocumentLoader();
    const error = await loader('https://example.com/context.jsonld').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DocumentNotBundledError);
    expect(error).toMatchObject({ code: 'ERR_DOCUMENT_NOT_BUNDLED', url: 'https://example.com/context.jsonld' });
  });

  it('serves extra documents passed in', async () => {
    const loader = createDocumentLoader({ documents: { 'did:example:1': { id: 'did:example:1' } } });
    expect((await loader('did:example:1')).document).toEqual({ id: 'did:example:1' });
  });

  it('refuses to replace a bundled context', () => {
    expect(() => createDocumentLoader({ documents: { [VACCINATION_CONTEXT_V1_URL]: {} } })).toThrow(TypeError);
  });
});
