import { describe, expect, it } from 'vitest';

import { LEGACY_VACCINATION_CONTEXTS } from '../../src/legacy/index.js';
import { findUnprotectedFields } from '../../src/legacy/unprotected.js';

const expected = [
  'beneficiaryId', 'certificateId', 'vaccine', 'manufacturer', 'batch', 'dose', 'totalDoses',
  'doseLabel', 'certificateKind', 'vaccinationDate',
];

describe('findUnprotectedFields', () => {
  it.each([...LEGACY_VACCINATION_CONTEXTS])('lists the fields %s leaves unbound', (_url, { document }) => {
    expect(findUnprotectedFields(document)).toEqual(expected);
  });

  it('lists no field for a context whose terms all have their own IRI', () => {
    const context = {
      '@context': {
        schema: 'https://schema.org/',
        Person: { '@id': 'schema:Person', '@context': { refId: 'schema:identifier', name: 'schema:name' } },
        Vaccination: { '@id': 'schema:Vaccination', '@context': { dose: 'schema:doseValue', totalDoses: 'schema:numberOfDoses' } },
      },
    };

    expect(findUnprotectedFields(context)).toEqual([]);
  });

  it('expands compact IRIs before comparing them', () => {
    const context = {
      '@context': {
        schema: 'https://schema.org/',
        Vaccination: { '@id': 'schema:Vaccination', '@context': { batch: 'schema:lot', vaccine: { '@id': 'https://schema.org/lot' } } },
      },
    };

    expect(findUnprotectedFields(context)).toEqual(['vaccine', 'batch']);
  });
});
