import { describe, expect, it } from 'vitest';

import { verifyLegacy } from '../../src/legacy/index.js';
import { cowinCredential, divocCredential, divocEd25519Key, indiaRsaKey, NOW, zipCredential, type Json } from './fixtures.js';

const options = { trustedKeys: [indiaRsaKey, divocEd25519Key], now: NOW };

type Leaf = { pointer: string; path: (string | number)[] };

/** Lists every string, number and boolean in a JSON value with its JSON Pointer. */
function leaves(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  }
  return [{ pointer: `/${path.join('/')}`, path }];
}

/** Returns a copy with the leaf at `path` set to a different value of the same JSON type. */
function withChangedLeaf(credential: Json, path: (string | number)[]): Json {
  const copy = structuredClone(credential);
  const parent = path
    .slice(0, -1)
    .reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
  const key = path.at(-1) as string | number;
  const value = parent[key];
  if (typeof value === 'number') parent[key] = value + 1;
  else if (typeof value === 'boolean') parent[key] = !value;
  else parent[key] = `${String(value)}x`;
  return copy;
}

/** Status each changed leaf must give; any leaf not listed must break the signature. */
function expectedStatus(pointer: string): string {
  if (pointer.startsWith('/@context/')) return 'unexpected_jsonld';
  // A changed type drops the type-scoped context, so other members lose their definitions.
  if (/^(\/credentialSubject|\/evidence\/0)?\/type(\/|$)/.test(pointer)) return 'unexpected_jsonld';
  if (pointer === '/proof/type' || pointer === '/proof/proofPurpose') return 'malformed';
  if (pointer === '/proof/verificationMethod') return 'untrusted_issuer';
  return 'invalid_signature';
}

describe.each([
  ['Co-WIN', cowinCredential],
  ['DIVOC', divocCredential],
])('changing any value of the %s credential', (_name, load) => {
  const credential = load();

  it('leaves the unchanged credential valid', async () => {
    expect((await verifyLegacy(zipCredential(credential), options)).status).toBe('valid');
  });

  it.each(leaves(credential))('fails verification when $pointer changes', async ({ pointer, path }) => {
    const result = await verifyLegacy(zipCredential(withChangedLeaf(credential, path)), options);

    expect(result.verified).toBe(false);
    expect(result.status).toBe(expectedStatus(pointer));
  });
});

/** Swaps two members of the evidence entry (or of `credentialSubject`) in the real credential. */
function swapped(object: 'evidence' | 'credentialSubject', first: string, second: string): Json {
  const credential = cowinCredential();
  const target = object === 'evidence' ? (credential.evidence as Json[])[0] : (credential.credentialSubject as Json);
  if (target === undefined) throw new Error('credential has no evidence');
  [target[first], target[second]] = [target[second], target[first]];
  return credential;
}

describe('fields the Co-WIN signature does not bind', () => {
  it('accepts dose and totalDoses swapped', async () => {
    const result = await verifyLegacy(zipCredential(swapped('evidence', 'dose', 'totalDoses')), options);

    expect(result.status).toBe('valid');
    expect(result.certificate).toMatchObject({ dose: 2, totalDoses: 1, doseLabel: 'precaution dose', certificateKind: 'precaution' });
    expect(result.warnings[0]?.fields).toEqual(expect.arrayContaining(['dose', 'totalDoses', 'doseLabel', 'certificateKind']));
  });

  it('accepts vaccine and batch swapped', async () => {
    const result = await verifyLegacy(zipCredential(swapped('evidence', 'vaccine', 'batch')), options);

    expect(result.status).toBe('valid');
    expect(result.certificate).toMatchObject({ vaccine: 'Dummy-TGN-Chamba', batch: 'COVISHIELD' });
    expect(result.warnings[0]?.fields).toEqual(expect.arrayContaining(['vaccine', 'batch']));
  });

  it('accepts certificateId and manufacturer swapped', async () => {
    const result = await verifyLegacy(zipCredential(swapped('evidence', 'certificateId', 'manufacturer')), options);

    expect(result.status).toBe('valid');
    expect(result.certificate?.certificateId).toBe('Serum Institute of India');
    expect(result.warnings[0]?.fields).toEqual(expect.arrayContaining(['certificateId', 'manufacturer']));
  });

  // effectiveStart and effectiveUntil are the same day in this credential, so swapping them
  // changes nothing. The date-time in `date` shares their IRI and makes the swap visible.
  it.each(['effectiveStart', 'effectiveUntil'])('accepts date and %s swapped', async (member) => {
    const result = await verifyLegacy(zipCredential(swapped('evidence', 'date', member)), options);

    expect(result.status).toBe('valid');
    expect(result.certificate?.vaccinationDate).toBe('2021-03-03');
    expect(result.warnings[0]?.fields).toContain('vaccinationDate');
  });

  it('accepts effectiveStart and effectiveUntil swapped', async () => {
    const result = await verifyLegacy(zipCredential(swapped('evidence', 'effectiveStart', 'effectiveUntil')), options);

    expect(result.status).toBe('valid');
  });

  it('accepts refId renamed to uhid, which empties beneficiaryId', async () => {
    const credential = swapped('credentialSubject', 'refId', 'uhid');
    delete (credential.credentialSubject as Json).refId;
    const result = await verifyLegacy(zipCredential(credential), options);

    expect(result.status).toBe('valid');
    expect(result.certificate?.beneficiaryId).toBe('');
    expect(result.warnings[0]?.fields).toContain('beneficiaryId');
  });

  it('rejects name and gender swapped, which map to different IRIs', async () => {
    const result = await verifyLegacy(zipCredential(swapped('credentialSubject', 'name', 'gender')), options);

    expect(result.status).toBe('invalid_signature');
    expect(result.warnings[0]?.fields).not.toContain('name');
    expect(result.warnings[0]?.fields).not.toContain('gender');
  });
});
