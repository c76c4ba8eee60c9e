import type { JsonLdDocument } from '@vaxcert/schemas';

import { isObject } from './credential.js';

/**
 * Source terms of each display field, by scoped context of the vaccination context. `Person`
 * scopes `credentialSubject`, `Vaccination` scopes the evidence entry, and `Vaccination.facility`
 * scopes its facility.
 */
interface DisplayFieldSource {
  readonly field: string;
  readonly scope: readonly string[];
  readonly terms: readonly string[];
}

const DISPLAY_FIELD_TERMS: readonly DisplayFieldSource[] = [
  { field: 'name', scope: ['Person'], terms: ['name'] },
  { field: 'age', scope: ['Person'], terms: ['age'] },
  { field: 'birthDate', scope: ['Person'], terms: ['dob'] },
  { field: 'gender', scope: ['Person'], terms: ['gender'] },
  { field: 'beneficiaryId', scope: ['Person'], terms: ['refId'] },
  { field: 'certificateId', scope: ['Vaccination'], terms: ['certificateId'] },
  { field: 'vaccine', scope: ['Vaccination'], terms: ['vaccine'] },
  { field: 'manufacturer', scope: ['Vaccination'], terms: ['manufacturer'] },
  { field: 'prophylaxis', scope: ['Vaccination'], terms: ['prophylaxis'] },
  { field: 'batch', scope: ['Vaccination'], terms: ['batch'] },
  { field: 'dose', scope: ['Vaccination'], terms: ['dose'] },
  { field: 'totalDoses', scope: ['Vaccination'], terms: ['totalDoses'] },
  { field: 'doseLabel', scope: ['Vaccination'], terms: ['dose', 'totalDoses'] },
  { field: 'certificateKind', scope: ['Vaccination'], terms: ['dose', 'totalDoses'] },
  { field: 'vaccinationDate', scope: ['Vaccination'], terms: ['date'] },
  { field: 'facility', scope: ['Vaccination', 'facility'], terms: ['name'] },
];

/**
 * Lists the display fields the signature does not bind to their values. Two terms of one scoped
 * context that map to the same IRI become the same RDF predicate on the same node. Swapping
 * their values, or renaming one term to the other, therefore leaves the canonical form and the
 * signature unchanged.
 */
export function findUnprotectedFields(context: JsonLdDocument): readonly string[] {
  let fields = unprotectedFieldsByContext.get(context);
  if (fields !== undefined) return fields;

  const root = context['@context'];
  fields = DISPLAY_FIELD_TERMS.filter(({ scope, terms }) => {
    const shared = isObject(root) ? findSharedIriTerms(root, scope) : new Set<string>();
    return terms.some((term) => shared.has(term));
  }).map(({ field }) => field);
  unprotectedFieldsByContext.set(context, fields);
  return fields;
}

const unprotectedFieldsByContext = new WeakMap<JsonLdDocument, readonly string[]>();

/** Returns the terms of a scoped context that share their IRI with another term there. */
function findSharedIriTerms(root: JsonLdDocument, scope: readonly string[]): Set<string> {
  const prefixes = new Map<string, string>();
  let context: JsonLdDocument | undefined = root;
  for (const name of ['', ...scope]) {
    if (name !== '') context = scopedContext(context, name);
    if (context === undefined) return new Set();
    for (const [term, definition] of Object.entries(context)) {
      // JSON-LD 1.1 uses a simple term as a prefix only when its IRI ends in a gen-delim.
      if (typeof definition === 'string' && /[:/?#[\]@]$/.test(definition)) {
        prefixes.set(term, definition);
      }
    }
  }

  const termsByIri = new Map<string, string[]>();
  for (const [term, definition] of Object.entries(context ?? {})) {
    const iri = expandIri(isObject(definition) ? definition['@id'] : definition, prefixes);
    if (iri === undefined || iri.startsWith('@')) continue;
    termsByIri.set(iri, [...(termsByIri.get(iri) ?? []), term]);
  }
  return new Set([...termsByIri.values()].filter((terms) => terms.length > 1).flat());
}

function scopedContext(
  context: JsonLdDocument | undefined,
  term: string,
): JsonLdDocument | undefined {
  const definition = context?.[term];
  const scoped = isObject(definition) ? definition['@context'] : undefined;
  return isObject(scoped) ? scoped : undefined;
}

function expandIri(value: unknown, prefixes: ReadonlyMap<string, string>): string | undefined {
  if (typeof value !== 'string') return undefined;

  const colon = value.indexOf(':');
  const prefix = colon > 0 ? prefixes.get(value.slice(0, colon)) : undefined;
  return prefix === undefined ? value : prefix + value.slice(colon + 1);
}
