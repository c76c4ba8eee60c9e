import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { decodeCompactCredential } from '../src/compact/decode.js';
import { encodeCompactCredential } from '../src/compact/encode.js';
import { CompactDecodeError, type CompactDecodeErrorCode } from '../src/compact/errors.js';
import { QR_PREFIX_COMPACT, getCompactDictionary } from '../src/compact/format.js';
import { MAX_COMPACT_CREDENTIAL_BYTES } from '../src/compact/limits.js';
import * as tables from '../src/compact/tables.js';

// A released format version never changes. When a table or the dictionary changes, the
// prefix must change with it and these digests are updated together with it.
const PINNED = {
  prefix: 'VCC1:',
  dictionarySha256: 'cfc9e93c1c4db5369651384440870fdc24af9942cfd9b1c18694603f731c8095',
  tablesSha256: 'da10878c27fc906036a4dac2fe8f8152323205fb84d88248d9fa06b6c5cc47e5',
};

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Returns a full-profile credential shaped as `issue` builds it, with a made-up proof value. */
function sampleCredential(): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://w3id.org/vaxcert/v1',
      'https://w3id.org/security/suites/ed25519-2020/v1',
    ],
    id: 'urn:uuid:6f7c3a52-0d0e-4d33-9a1e-0b6f7c8f2a10',
    type: ['VerifiableCredential', 'VaccinationCertificate'],
    issuer: 'did:web:certify.example.gov.in',
    validFrom: '2026-06-01T00:00:00Z',
    credentialSubject: {
      type: 'Person',
      beneficiaryId: '01956604289621',
      name: 'Test Person',
      gender: 'Female',
      age: 61,
      nationality: 'Indian',
      identity: 'did:in.gov.uidai.aadhaar:XXXXXXXX0475',
      address: {
        type: 'PostalAddress',
        addressLine1: '12, Main Road',
        district: 'Kamrup Metropolitan',
        city: 'Guwahati',
        state: 'Assam',
        pincode: '081008',
      },
    },
    evidence: [
      {
        type: 'Vaccination',
        vaccine: 'COVISHIELD',
        manufacturer: 'Serum Institute of India',
        prophylaxis: 'COVID-19 vaccine, non-replicating viral vector',
        icd11Code: 'XM9QW8',
        batch: '4121Z025',
        date: '2021-09-17T05:12:39.000Z',
        dose: 1,
        totalDoses: 2,
        certificateKind: 'provisional',
        vaccinator: { type: 'Vaccinator', name: 'Test Vaccinator', identifier: 'VAC-1' },
        facility: { type: 'Facility', name: 'District Hospital Guwahati 1', identifier: 'FAC-1' },
        effectiveStart: '2021-09-17',
        effectiveUntil: '2022-09-17',
      },
    ],
    proof: {
      type: 'Ed25519Signature2020',
      created: '2026-06-01T00:00:00Z',
      verificationMethod: 'did:web:certify.example.gov.in#key-1',
      proofPurpose: 'assertionMethod',
      proofValue: `z${'3Fq'.repeat(29)}`,
    },
  };
}

function roundTrip(value: Record<string, unknown>): Record<string, unknown> {
  return decodeCompactCredential(encodeCompactCredential(value));
}

function decodeError(bytes: Uint8Array): CompactDecodeError {
  try {
    decodeCompactCredential(bytes);
  } catch (error) {
    if (error instanceof CompactDecodeError) return error;
    throw error;
  }
  throw new Error('decoding succeeded');
}

function expectCode(bytes: Uint8Array, code: CompactDecodeErrorCode): void {
  expect(decodeError(bytes).code).toBe(code);
}

/** Replaces one byte sequence of `bytes` (it must occur once) with another. */
function replaceBytes(bytes: Uint8Array, from: number[], to: number[]): Uint8Array {
  const hex = Buffer.from(bytes).toString('hex');
  const fromHex = Buffer.from(from).toString('hex');
  expect(hex.split(fromHex)).toHaveLength(2);
  return Uint8Array.from(Buffer.from(hex.replace(fromHex, Buffer.from(to).toString('hex')), 'hex'));
}

describe('compact format version', () => {
  it('pins the prefix, dictionary and tables', () => {
    const tableNames = Object.keys(tables).sort();
    const serializedTables = JSON.stringify(tableNames.map((name) => [name, tables[name as keyof typeof tables]]));
    expect(tableNames).toEqual([
      'CERTIFICATE_KIND_TERMS',
      'CONTEXT_TERMS',
      'DATE_TIME_EPOCH_SECONDS',
      'DID_PREFIX_TERMS',
      'GENDER_TERMS',
      'ICD11_TERMS',
      'LITERAL_TAG',
      'MANUFACTURER_TERMS',
      'NATIONALITY_TERMS',
      'PROOF_PURPOSE_TERMS',
      'PROPHYLAXIS_TERMS',
      'SHAPES',
      'STATE_TERMS',
      'STATUS_PURPOSE_TERMS',
      'TYPE_TERMS',
      'VACCINE_TERMS',
    ]);
    expect(QR_PREFIX_COMPACT).toBe(PINNED.prefix);
    expect(sha256(getCompactDictionary())).toBe(PINNED.dictionarySha256);
    expect(sha256(serializedTables)).toBe(PINNED.tablesSha256);
  });

  it('hands out copies of the dictionary', () => {
    const copy = getCompactDictionary();
    copy.fill(0);
    expect(getCompactDictionary()).not.toEqual(copy);
  });
});

describe('compact credential encoding', () => {
  it('round-trips a full-profile credential', () => {
    const credential = sampleCredential();
    expect(roundTrip(credential)).toEqual(credential);
  });

  it('writes the sample credential in under 400 bytes', () => {
    const json = new TextEncoder().encode(JSON.stringify(sampleCredential()));
    const cbor = encodeCompactCredential(sampleCredential());
    expect(cbor.length).toBeLessThan(400);
    expect(cbor.length).toBeLessThan(json.length / 3);
  });

  it('keeps leading zeros and odd digit counts', () => {
    for (const beneficiaryId of ['0', '007', '0000000000000', '12345678901234567890']) {
      const credential = sampleCredential();
      (credential.credentialSubject as Record<string, unknown>).beneficiaryId = beneficiaryId;
      expect(roundTrip(credential)).toEqual(credential);
    }
  });

  it('keeps both date-time forms', () => {
    for (const date of ['2021-09-17T05:12:39Z', '2021-09-17T05:12:39.000Z', '1969-12-31T23:59:59Z', '2099-01-01T00:00:00Z']) {
      const credential = sampleCredential();
      (credential.evidence as Record<string, unknown>[])[0]!.date = date;
      expect(roundTrip(credential)).toEqual(credential);
    }
  });

  it('writes a created time equal to validFrom and one that differs', () => {
    const same = sampleCredential();
    const differs = sampleCredential();
    (differs.proof as Record<string, unknown>).created = '2026-06-01T00:00:01Z';
    expect(roundTrip(same)).toEqual(same);
    expect(roundTrip(differs)).toEqual(differs);
    expect(encodeCompactCredential(differs).length).toBeGreaterThan(encodeCompactCredential(same).length);
  });

  it('rejects a literal around a value its codec covers', () => {
    const credential = sampleCredential();
    const id = credential.id as string;
    const bytes = encodeCompactCredential(credential);
    const uuid = Buffer.from(id.slice('urn:uuid:'.length).replace(/-/g, ''), 'hex');
    // The 16-byte string of the coded UUID, replaced by tag 6 around the same URN as text.
    const literal = [0xc6, 0x78, id.length, ...Buffer.from(id, 'ascii')];
    const changed = replaceBytes(bytes, [0x50, ...uuid], literal);
    const error = decodeError(changed);
    expect(error.code).toBe('ERR_COMPACT_INVALID_VALUE');
    expect(error.message).toMatch(/literal tag around a value the uuid codec covers/);
  });

  it('keeps values outside the tables as literals', () => {
    const credential = sampleCredential();
    const subject = credential.credentialSubject as Record<string, unknown>;
    const evidence = (credential.evidence as Record<string, unknown>[])[0]!;
    const proof = credential.proof as Record<string, unknown>;
    credential.id = 'urn:uuid:6F7C3A52-0D0E-4D33-9A1E-0B6F7C8F2A10';
    credential.validFrom = '2026-06-01T05:30:00+05:30';
    subject.beneficiaryId = 'AB-123';
    subject.gender = 'Transgender';
    subject.birthDate = '2021-02-30';
    subject.identity = 'urn:example:passport:K1234567';
    evidence.vaccine = 'Nuvaxovid';
    evidence.date = '2021-09-17T05:12:39.123Z';
    evidence.dose = '1';
    proof.verificationMethod = 'did:web:other.example#key-1';
    proof.proofValue = 'uAAAA';
    expect(roundTrip(credential)).toEqual(credential);
  });

  it('keeps properties and objects the tables do not know', () => {
    const credential = sampleCredential();
    credential.termsOfUse = [{ type: 'Policy', nested: { list: [1, 2.5, -3, true, null, 'x'] } }];
    (credential.credentialSubject as Record<string, unknown>).email = 'person@example.org';
    credential.evidence = [...(credential.evidence as unknown[]), { type: 'Vaccination', dose: 2 }];
    credential.proof = 'not an object';
    expect(roundTrip(credential)).toEqual(credential);
  });

  it('keeps a __proto__ property as data', () => {
    const credential = JSON.parse('{"__proto__":{"polluted":true},"id":"x"}') as Record<string, unknown>;
    const decoded = roundTrip(credential);
    expect(Object.getOwnPropertyNames(decoded)).toEqual(['id', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
  });

  it('rejects values that are not JSON', () => {
    expect(() => encodeCompactCredential({ id: Number.NaN })).toThrow(TypeError);
    expect(() => encodeCompactCredential({ id: new Date() })).toThrow(TypeError);
    expect(() => encodeCompactCredential([] as unknown as Record<string, unknown>)).toThrow(TypeError);
  });

  it('rejects a credential over the size limit', () => {
    expect(() => encodeCompactCredential({ note: 'x'.repeat(MAX_COMPACT_CREDENTIAL_BYTES) })).toThrow(RangeError);
  });
});

describe('compact credential decoding', () => {
  const bytes = encodeCompactCredential(sampleCredential());

  it('rejects truncated data at every length', () => {
    for (let length = 0; length < bytes.length; length++) {
      expectCode(bytes.subarray(0, length), 'ERR_COMPACT_TRUNCATED');
    }
  });

  it('rejects trailing bytes', () => {
    expectCode(Uint8Array.from([...bytes, 0]), 'ERR_COMPACT_TRAILING_BYTES');
  });

  it('rejects data over the size limit', () => {
    expectCode(new Uint8Array(MAX_COMPACT_CREDENTIAL_BYTES + 1), 'ERR_COMPACT_TOO_LARGE');
  });

  it('rejects nesting past the depth limit', () => {
    expectCode(new Uint8Array(64).fill(0x81), 'ERR_COMPACT_TOO_DEEP');
  });

  it('rejects an unknown vaccine code', () => {
    // The vaccine slot holds code 0 (COVISHIELD) right after the Vaccination type code 3.
    const unknown = replaceBytes(bytes, [0x03, 0x00, 0x00, 0x00, 0x00], [0x03, 0x17, 0x00, 0x00, 0x00]);
    const error = decodeError(unknown);
    expect(error.code).toBe('ERR_COMPACT_UNKNOWN_CODE');
    expect(error.pointer).toBe('/evidence/0/vaccine');
  });

  it('rejects an unknown tag', () => {
    const tagged = Uint8Array.from([0xc7, ...bytes]);
    expectCode(tagged, 'ERR_COMPACT_UNKNOWN_TAG');
  });

  it('rejects a value of the wrong type in a slot', () => {
    // An array of one text string where the credential's array is expected.
    expectCode(Uint8Array.from([0x61, 0x78]), 'ERR_COMPACT_INVALID_VALUE');
    // `@context` as a text string instead of a list of codes.
    expectCode(Uint8Array.from([0x81, 0x61, 0x78]), 'ERR_COMPACT_INVALID_VALUE');
  });

  it('rejects a trailing absent slot', () => {
    expectCode(Uint8Array.from([0x82, 0x80, 0xf7]), 'ERR_COMPACT_INVALID_VALUE');
  });

  it('rejects non-minimal integers and indefinite lengths', () => {
    expectCode(Uint8Array.from([0x81, 0x81, 0x18, 0x00]), 'ERR_COMPACT_INVALID_CBOR');
    expectCode(Uint8Array.from([0x9f, 0xff]), 'ERR_COMPACT_INVALID_CBOR');
  });

  it('rejects duplicate keys among further properties', () => {
    // [absent × 10, {"a": 1, "a": 2}]
    const duplicate = Uint8Array.from([0x8b, ...new Array<number>(10).fill(0xf7), 0xa2, 0x61, 0x61, 0x01, 0x61, 0x61, 0x02]);
    expectCode(duplicate, 'ERR_COMPACT_INVALID_VALUE');
  });
});
