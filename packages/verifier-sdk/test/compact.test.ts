import { deflateRaw } from 'pako';
import { describe, expect, it } from 'vitest';

import { createDidDocument, encodeQrPayload, generateIssuerKey, issue, type IssueResult } from '@vaxcert/issuer-sdk';
import { decodeBase45, inflateBounded, verify, type VerificationResult } from '@vaxcert/verifier-sdk';
import { getCompactDictionary } from '@vaxcert/schemas';

import { NOW, sampleRequests } from './support.js';

const key = await generateIssuerKey({
  did: 'did:web:certify.example.gov.in',
  keyFragment: 'key-1',
  seed: new Uint8Array(32).fill(9),
});
const trustedIssuers = [createDidDocument({ keys: [key] })];
const requests = sampleRequests();
const PREFIX = 'VCC1:';
const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Encodes bytes as base45 (RFC 9285), to build payloads the issuer would not write. */
function encodeBase45(bytes: Uint8Array): string {
  let text = '';
  for (let offset = 0; offset < bytes.length; offset += 2) {
    if (offset + 1 < bytes.length) {
      let value = bytes[offset]! * 256 + bytes[offset + 1]!;
      for (let digit = 0; digit < 3; digit++, value = Math.floor(value / 45)) text += BASE45_ALPHABET[value % 45];
    } else {
      const value = bytes[offset]!;
      text += BASE45_ALPHABET[value % 45]! + BASE45_ALPHABET[Math.floor(value / 45)]!;
    }
  }
  return text;
}

/** Returns the CBOR inside a compact payload. */
function cborOf(payload: string): Uint8Array {
  const decoded = decodeBase45(payload.slice(PREFIX.length));
  if ('error' in decoded) throw new Error(`invalid base45 in test payload: ${decoded.error}`);
  const inflated = inflateBounded(decoded.bytes, { maxBytes: 65_536, dictionary: getCompactDictionary(), raw: true });
  if ('error' in inflated) throw new Error(`invalid DEFLATE in test payload: ${inflated.message}`);
  return inflated.bytes;
}

/** Builds a compact payload around CBOR bytes. */
function payloadOf(cbor: Uint8Array): string {
  return PREFIX + encodeBase45(deflateRaw(cbor, { level: 9, dictionary: getCompactDictionary() }));
}

function failedCheck(result: VerificationResult) {
  return result.checks.find((check) => !check.passed);
}

async function verifyText(qr: string): Promise<VerificationResult> {
  return verify({ qr, trustedIssuers, now: NOW });
}

describe('compact QR round trip', () => {
  for (const profile of ['compact', 'full'] as const) {
    it(`verifies all samples, ${profile} profile`, async () => {
      const statuses = new Map<string, number>();
      let mismatches = 0;
      for (const request of requests) {
        const issued = await issue({ request, key, now: NOW, profile, qrFormat: 'compact' });
        const result = await verifyText(issued.qrPayload);
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        if (JSON.stringify(sorted(result.credential)) !== JSON.stringify(sorted(issued.credential))) mismatches++;
        expect(result.format).toBe('vaxcert-compact');
      }
      expect(Object.fromEntries(statuses)).toEqual({ valid: requests.length });
      expect(mismatches).toBe(0);
    }, 300_000);
  }

  it('returns the signed credential deep-equal', async () => {
    const issued = await issue({ request: requests[1], key, now: NOW, profile: 'compact', qrFormat: 'compact' });
    const result = await verifyText(issued.qrPayload);
    expect(result.credential).toEqual(issued.credential);
  });

  it('reads a compact-profile credential in the plain format', async () => {
    const issued = await issue({ request: requests[2], key, now: NOW, profile: 'compact' });
    const result = await verifyText(issued.qrPayload);
    expect(issued.qrPayload.startsWith('VC1:')).toBe(true);
    expect(result.status).toBe('valid');
    expect(result.credential).toEqual(issued.credential);
  });
});

/** Returns a copy of a JSON value with object keys sorted, to compare ignoring key order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((name) => [name, sorted((value as Record<string, unknown>)[name])]));
}

describe('compact QR tampering', () => {
  let issued: IssueResult;

  it('detects a changed value', async () => {
    issued ??= await issue({ request: requests[0], key, now: NOW, profile: 'compact', qrFormat: 'compact' });
    const changed = structuredClone(issued.credential);
    changed.evidence[0].dose = 2;
    const result = await verifyText(encodeQrPayload({ credential: changed, format: 'compact' }));
    expect(result.status).toBe('invalid_signature');
  });

  it('never accepts a flipped CBOR byte', async () => {
    issued ??= await issue({ request: requests[0], key, now: NOW, profile: 'compact', qrFormat: 'compact' });
    const cbor = cborOf(issued.qrPayload);
    const statuses = new Set<string>();
    for (let index = 0; index < cbor.length; index++) {
      const flipped = cbor.slice();
      flipped[index]! ^= 0x01;
      const result = await verifyText(payloadOf(flipped));
      statuses.add(result.status);
      expect(result.status, `byte ${index}`).not.toBe('valid');
    }
    expect(statuses.has('invalid_signature')).toBe(true);
    expect(statuses.has('invalid_cbor')).toBe(true);
  }, 120_000);
});

describe('malformed compact payloads', () => {
  let payload: string;
  const payloadOnce = async () =>
    (payload ??= (await issue({ request: requests[3], key, now: NOW, profile: 'compact', qrFormat: 'compact' })).qrPayload);

  it('reports truncated base45', async () => {
    const payload = await payloadOnce();
    const body = payload.slice(PREFIX.length);
    // Cut the base45 text to 3n + 1 characters, a length no base45 encoder produces.
    const cut = body.slice(0, body.length - ((body.length % 3) + 2) % 3);
    expect(cut.length % 3).toBe(1);
    const result = await verifyText(PREFIX + cut);
    expect(result.status).toBe('invalid_encoding');
    expect(failedCheck(result)?.code).toBe('BASE45');
  });

  it('reports a truncated DEFLATE stream', async () => {
    const cbor = cborOf(await payloadOnce());
    const compressed = deflateRaw(cbor, { level: 9, dictionary: getCompactDictionary() });
    const result = await verifyText(PREFIX + encodeBase45(compressed.subarray(0, compressed.length - 20)));
    expect(result.status).toBe('invalid_compression');
    expect(failedCheck(result)?.message).toMatch(/DEFLATE stream ends early/);
  });

  it('reports bytes after the DEFLATE stream', async () => {
    const compressed = deflateRaw(cborOf(await payloadOnce()), { level: 9, dictionary: getCompactDictionary() });
    const result = await verifyText(PREFIX + encodeBase45(Uint8Array.from([...compressed, 0, 0])));
    expect(result.status).toBe('invalid_compression');
    expect(failedCheck(result)?.message).toMatch(/data follows the end of the DEFLATE stream/);
  });

  it('reports truncated CBOR', async () => {
    const cbor = cborOf(await payloadOnce());
    const result = await verifyText(payloadOf(cbor.subarray(0, cbor.length - 1)));
    expect(result.status).toBe('invalid_cbor');
    expect(failedCheck(result)?.message).toMatch(/ERR_COMPACT_TRUNCATED/);
  });

  it('reports trailing CBOR bytes', async () => {
    const result = await verifyText(payloadOf(Uint8Array.from([...cborOf(await payloadOnce()), 0x00])));
    expect(result.status).toBe('invalid_cbor');
    expect(failedCheck(result)?.message).toMatch(/ERR_COMPACT_TRAILING_BYTES/);
  });

  it('reports an unknown code', async () => {
    // A credential whose @context is the single code 23, which the table does not define.
    const result = await verifyText(payloadOf(Uint8Array.from([0x81, 0x81, 0x17])));
    expect(result.status).toBe('invalid_cbor');
    expect(failedCheck(result)?.message).toMatch(/ERR_COMPACT_UNKNOWN_CODE/);
    expect(failedCheck(result)?.pointer).toBe('/@context/0');
  });

  it('reports an unknown tag', async () => {
    const result = await verifyText(payloadOf(Uint8Array.from([0xd8, 0x20, 0x80])));
    expect(result.status).toBe('invalid_cbor');
    expect(failedCheck(result)?.message).toMatch(/ERR_COMPACT_UNKNOWN_TAG/);
  });

  it('reports a decompression bomb', async () => {
    const result = await verifyText(payloadOf(new Uint8Array(100_000)));
    expect(result.status).toBe('too_large');
    expect(failedCheck(result)?.code).toBe('SIZE_LIMIT');
  });

  it('reports an oversized payload text', async () => {
    const result = await verifyText(PREFIX + '0'.repeat(4300));
    expect(result.status).toBe('too_large');
  });

  it('reports deep nesting', async () => {
    const result = await verifyText(payloadOf(new Uint8Array(40).fill(0x81)));
    expect(result.status).toBe('invalid_cbor');
    expect(failedCheck(result)?.message).toMatch(/ERR_COMPACT_TOO_DEEP/);
  });

  it('never throws on random bytes', async () => {
    let state = 12345;
    for (let round = 0; round < 200; round++) {
      const bytes = Uint8Array.from({ length: 1 + (round % 90) }, () => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state & 0xff;
      });
      const result = await verifyText(payloadOf(bytes));
      expect(result.status).not.toBe('valid');
    }
  });
});
