// Changed values in the shapes the SDK signs and verifies: an issued credential, the same
// credential with optional VC 2.0 properties, and their proof options, under the three
// bundled contexts. Each changed document runs after its base shape was seen twice, so it
// meets a template or a pinned variant.
import { describe, expect, it } from 'vitest';

import { createDocumentLoader } from '@vaxcert/schemas';

import { both } from './support.js';

const CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/vaxcert/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'];

const ADDRESS = { type: 'PostalAddress', addressLine1: 'Sector 14', district: 'Kamrup Metropolitan', city: 'Guwahati', state: 'Assam', pincode: '781008' };

/** A credential of the shape `issue` gives for the full profile, without its proof. */
const CREDENTIAL = {
  '@context': CONTEXT,
  id: 'urn:uuid:e2802013-8123-42b8-83c6-a53cd5112441',
  type: ['VerifiableCredential', 'VaccinationCertificate'],
  issuer: 'did:web:certify.example.gov.in',
  validFrom: '2026-06-01T00:00:00Z',
  credentialSubject: { type: 'Person', beneficiaryId: '81956604289621', name: 'Abdul Reddy', gender: 'Male', age: 61, nationality: 'Indian', identity: 'did:in.gov.eci.voterid:4751324736', address: ADDRESS },
  evidence: [
    {
      type: 'Vaccination',
      vaccine: 'ZyCoV-D',
      manufacturer: 'Zydus Cadila',
      prophylaxis: 'COVID-19 vaccine, DNA based',
      icd11Code: 'XM6AT1',
      batch: '6221P883',
      date: '2021-02-03T05:12:39.000Z',
      dose: 1,
      totalDoses: 3,
      certificateKind: 'provisional',
      vaccinator: { type: 'Vaccinator', name: 'Divya Patel', identifier: 'VAC-347778' },
      facility: { type: 'Facility', name: 'CHC Guwahati 1', identifier: 'FAC-26234', address: ADDRESS },
      effectiveStart: '2021-02-03',
      effectiveUntil: '2022-02-03',
    },
  ],
};

/** The proof options `jsonld-signatures` canonizes for that credential. */
const PROOF_OPTIONS = {
  '@context': CONTEXT,
  type: 'Ed25519Signature2020',
  created: '2026-06-01T00:00:00Z',
  verificationMethod: 'did:web:certify.example.gov.in#ER9tDiN3',
  proofPurpose: 'assertionMethod',
};

/** The credential with optional properties of the contexts: @id, @vocab and @json values, typed literals and scoped types. */
const EXTENDED = {
  ...CREDENTIAL,
  name: 'Vaccination Certificate',
  description: ['first', 'second'],
  validUntil: '2030-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:holder', ...CREDENTIAL.credentialSubject },
  termsOfUse: [{ type: 'https://types.example/Policy', id: 'https://policy.example/1', name: 'policy' }],
  refreshService: { id: 'https://refresh.example/', type: 'https://types.example/Refresh' },
  credentialSchema: [{ id: 'https://schema.example/s.json', type: 'JsonSchema', jsonSchema: 3 }],
  credentialStatus: {
    id: 'https://status.example/1#5',
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '5',
    statusListCredential: 'https://status.example/1',
    statusSize: 1,
    statusMessage: [{ status: '0x0', message: 'valid' }],
    statusReference: 'https://status.example/ref',
  },
  relatedResource: [{ id: 'https://resource.example/a', digestSRI: 'sha384-abc', mediaType: 'image/png', digestMultibase: 'uEiabc' }],
  renderMethod: { id: 'https://render.example/t', type: ['https://types.example/Svg', 'JsonSchema'], jsonSchema: 4 },
  confidenceMethod: { id: 'https://confidence.example/m', type: 'DataIntegrityProof', proofPurpose: 'authentication', cryptosuite: 'eddsa', previousProof: 'urn:proof:0', verificationMethod: 'did:example:key#1', nonce: 5 },
  _sd: 17,
  cnf: { kid: 'did:example:1#k', jwk: 8 },
  iss: 'did:example:iss',
  sub: 'did:example:sub',
  aud: ['https://aud.example/1', 'https://aud.example/2'],
  exp: 1_800_000_000,
  iat: 1_700_000_000,
  jku: 'https://jku.example/',
  '...': 'dots',
};

const EXTENDED_OPTIONS = { ...PROOF_OPTIONS, id: 'urn:uuid:proof-1', challenge: 'challenge', domain: 'https://domain.example', nonce: 'nonce', expires: '2030-01-01T00:00:00Z' };

type Path = (string | number)[];

/** Returns the paths of the string and safe-integer values outside `type` and `@context`. */
function slotPaths(value: unknown, path: Path = [], found: Path[] = []): Path[] {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value))) found.push(path);
  else if (Array.isArray(value)) value.forEach((item, index) => slotPaths(item, [...path, index], found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (key !== 'type' && key !== '@context') slotPaths(item, [...path, key], found);
  }
  return found;
}

function withValue(document: object, path: Path, value: unknown): object {
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let target = copy;
  for (const step of path.slice(0, -1)) target = target[step] as Record<string | number, unknown>;
  target[path.at(-1)!] = value;
  return copy;
}

function valueAt(document: object, path: Path): unknown {
  let target: unknown = document;
  for (const step of path) target = (target as Record<string | number, unknown>)[step];
  return target;
}

/** Collects every key of a context, and of the contexts its terms scope. */
function contextKeys(context: unknown, keys: Set<string>): void {
  if (Array.isArray(context)) for (const item of context) contextKeys(item, keys);
  else if (context !== null && typeof context === 'object') {
    for (const [key, definition] of Object.entries(context as Record<string, unknown>)) {
      keys.add(key);
      if (definition !== null && typeof definition === 'object' && '@context' in definition) contextKeys(definition['@context'], keys);
    }
  }
}

async function termsOfContexts(): Promise<string[]> {
  const documentLoader = createDocumentLoader();
  const keys = new Set<string>();
  for (const url of CONTEXT) contextKeys(((await documentLoader(url)).document as { '@context': unknown })['@context'], keys);
  return [...keys];
}

const SPECIAL_STRINGS = [
  '', ' ', '_:b0', '_:c14n0', '_:', '@type', '@id', '@vocab', '@foo', '@', 'xsd:integer', 'xsd:', 'xsd://host/path', 'VerifiableCredential:x', 'type:x', 'id:x',
  'did:web:certify.example.gov.in', 'urn:uuid:e2802013-8123-42b8-83c6-a53cd5112441', 'https://www.w3.org/2018/credentials#VerifiableCredential', 'https://schema.org/Person', 'https://schema.org/name',
  'https://w3id.org/security#assertionMethod', 'https://bad.example/a b', 'a,b:c', 'http:', 'नमस्ते', '\u0000\u0001\u007f', '\ud800', '\udfff\ud800', '\u2028\u00a0', 'https://a.example/\u00a0',
  'x'.repeat(70_000), '😀', 'did:example:ä', '1', '1.0', 'true', 'null', '-0', '4503599627370496', 'https://www.iana.org/assignments/jwt#...', 'mailto:a@b.example', CONTEXT[0]!,
];
const INTEGERS = [0, -0, 1, -1, 7, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 52, 2 ** 52 + 1, 2 ** 52 + 1024, 1e15];

describe('changed values in signed shapes', () => {
  it('one slot, every value', async () => {
    const terms = await termsOfContexts();
    const values = [...terms, ...terms.map((term) => `${term}:x`), ...SPECIAL_STRINGS];
    for (const base of [PROOF_OPTIONS, EXTENDED_OPTIONS]) {
      for (const path of slotPaths(base)) {
        for (const value of values) {
          // A fresh loader per value, so a value whose slot gets pinned meets its own variant.
          const documentLoader = createDocumentLoader();
          await both(base, documentLoader);
          await both(base, documentLoader);
          const changed = withValue(base, path, value);
          for (let round = 0; round < 2; round += 1) {
            const [fast, slow] = await both(changed, documentLoader);
            expect(fast, `${JSON.stringify(path)} = ${JSON.stringify(value).slice(0, 80)}`).toBe(slow);
          }
        }
      }
    }
  }, 120_000);

  it('random slots, 300 documents', async () => {
    const terms = await termsOfContexts();
    let state = 0x1234567;
    const pick = (count: number): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state % count;
    };
    const pickString = (): string => {
      const choice = pick(4);
      if (choice === 0) return terms[pick(terms.length)]!;
      if (choice === 1) return `${terms[pick(terms.length)]}:x`;
      return SPECIAL_STRINGS[pick(SPECIAL_STRINGS.length)]!;
    };
    for (const base of [CREDENTIAL, PROOF_OPTIONS, EXTENDED, EXTENDED_OPTIONS]) {
      const documentLoader = createDocumentLoader();
      await both(base, documentLoader);
      await both(base, documentLoader);
      const paths = slotPaths(base);
      for (let index = 0; index < 300; index += 1) {
        let changed: object = base;
        for (let count = 1 + pick(3); count > 0; count -= 1) {
          const path = paths[pick(paths.length)]!;
          changed = withValue(changed, path, typeof valueAt(changed, path) === 'number' ? INTEGERS[pick(INTEGERS.length)] : pickString());
        }
        const [fast, slow] = await both(changed, documentLoader);
        expect(fast, JSON.stringify(changed).slice(0, 400)).toBe(slow);
      }
    }
  }, 120_000);
});
