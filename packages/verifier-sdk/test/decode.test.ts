import { describe, expect, it } from 'vitest';
import { deflate } from 'pako';
import { encode as base45Encode } from 'base45';

import { decodeBase45, decodeQrText, inflateBounded, verify } from '@vaxcert/verifier-sdk';
import { MAX_DECOMPRESSED_BYTES } from '@vaxcert/schemas';

import { NOW, readVector, sampleCertificate, testIssuer } from './support.js';

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

function payloadOf(bytes: Uint8Array): string {
  return `VC1:${base45Encode(bytes)}`;
}

describe('base45', () => {
  it('decodes the RFC 9285 examples', () => {
    const decoded = decodeBase45('BB8');
    expect(decoded).toHaveProperty('bytes');
    expect(new TextDecoder().decode((decoded as { bytes: Uint8Array }).bytes)).toBe('AB');
    const hello = decodeBase45('%69 VD92EX0');
    expect(hello).toHaveProperty('bytes');
    expect(new TextDecoder().decode((hello as { bytes: Uint8Array }).bytes)).toBe('Hello!!');
  });

  it('rejects characters outside the alphabet', () => {
    expect(decodeBase45('AB#')).toEqual({ error: 'character', offset: 2 });
  });

  it('rejects a length of 3n+1', () => {
    expect(decodeBase45('ABCD')).toMatchObject({ error: 'length' });
  });

  it('rejects a group above 65535', () => {
    expect(decodeBase45('GGW')).toMatchObject({ error: 'overflow' });
  });
});

describe('zlib', () => {
  const json = new TextEncoder().encode(JSON.stringify({ hello: 'world'.repeat(20) }));

  it.each([
    ['78 9C (level 6)', 6],
    ['78 DA (level 9)', 9],
    ['78 01 (level 1)', 1],
  ] as const)('accepts the %s header', (_name, level) => {
    const compressed = deflate(json, { level });
    const result = inflateBounded(compressed, { maxBytes: 1024 });
    expect(result).toEqual({ bytes: json });
  });

  it('stops inflating a zip bomb at the limit', () => {
    const bomb = deflate(new Uint8Array(50 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(60_000);
    const result = inflateBounded(bomb, { maxBytes: MAX_DECOMPRESSED_BYTES });
    expect(result).toMatchObject({ error: 'too_large' });
  });

  it('reports a truncated stream', () => {
    const compressed = deflate(json);
    expect(inflateBounded(compressed.subarray(0, compressed.length - 6), { maxBytes: 1024 })).toMatchObject({ error: 'truncated' });
  });

  it('reports bytes after the end of the stream', () => {
    const compressed = deflate(json);
    const padded = new Uint8Array([...compressed, 1, 2, 3]);
    expect(inflateBounded(padded, { maxBytes: 1024 })).toMatchObject({ error: 'corrupt' });
  });

  it('reports a corrupt checksum', () => {
    const compressed = deflate(json);
    compressed[compressed.length - 1]! ^= 0xff;
    expect(inflateBounded(compressed, { maxBytes: 1024 })).toMatchObject({ error: 'corrupt' });
  });
});

describe('EU DCC test files', () => {
  const files = [
    'common/B1.json', 'common/CO1.json', 'common/CO2.json', 'common/CO3.json', 'common/CO28.json',
    'common/Z1.json', 'common/Z2.json', 'countries/AT-1.json', 'countries/DE-1.json',
    'countries/DE-2.json', 'countries/FR-DCC_Test_0001.json', 'countries/GE-1.json', 'countries/GR-1.json',
  ];

  it.each(files)('%s decodes as its expected results say', (file) => {
    const vector = JSON.parse(readVector(`eu-dcc/${file}`)) as {
      PREFIX: string;
      COMPRESSED?: string;
      COSE?: string;
      EXPECTEDRESULTS: { EXPECTEDB45DECODE?: boolean; EXPECTEDCOMPRESSION?: boolean };
    };
    const expected = vector.EXPECTEDRESULTS;
    const base45 = decodeBase45(vector.PREFIX.slice('HC1:'.length));
    if (expected.EXPECTEDB45DECODE === false) {
      expect(base45).toHaveProperty('error');
      return;
    }
    if (expected.EXPECTEDB45DECODE === true) {
      expect(base45).toEqual({ bytes: hexToBytes(vector.COMPRESSED!) });
    }
    if (expected.EXPECTEDCOMPRESSION !== undefined) {
      const inflated = inflateBounded(hexToBytes(vector.COMPRESSED!), { maxBytes: MAX_DECOMPRESSED_BYTES });
      if (expected.EXPECTEDCOMPRESSION) {
        expect(inflated).toEqual({ bytes: hexToBytes(vector.COSE!) });
      } else {
        expect(inflated).toHaveProperty('error');
      }
    }
  });

  it('gives an EU certificate the unsupported format status', async () => {
    const vector = JSON.parse(readVector('eu-dcc/common/CO1.json')) as { PREFIX: string };
    const result = await verify({ qr: vector.PREFIX, trustedIssuers: [] });
    expect(result.status).toBe('unsupported_format');
    expect(result.checks.at(-1)).toMatchObject({ code: 'PAYLOAD_FORMAT', passed: false });
  });
});

describe('verify on undecodable payloads', () => {
  it.each([
    ['a SMART Health Card', 'shc:/5676290952432060346029243740', 'unsupported_format', 'PAYLOAD_FORMAT'],
    ['an empty string', '', 'unsupported_format', 'PAYLOAD_FORMAT'],
    ['invalid base45', 'VC1:AB#', 'invalid_encoding', 'BASE45'],
    ['lowercase base45', 'VC1:abc', 'invalid_encoding', 'BASE45'],
    ['a payload above the size limit', `VC1:${'0'.repeat(5000)}`, 'too_large', 'SIZE_LIMIT'],
  ])('gives %s a specific status', async (_name, qr, status, code) => {
    const result = await verify({ qr, trustedIssuers: [] });
    expect(result.status).toBe(status);
    expect(result.verified).toBe(false);
    expect(result.checks.at(-1)).toMatchObject({ code, passed: false });
  });

  it('reports a broken zlib stream', async () => {
    const result = await verify({ qr: payloadOf(new Uint8Array([0x78, 0x9c, 1, 2, 3, 4, 5])), trustedIssuers: [] });
    expect(result.status).toBe('invalid_compression');
  });

  it('reports data that is not zlib', async () => {
    const result = await verify({ qr: payloadOf(new TextEncoder().encode('{"a":1}')), trustedIssuers: [] });
    expect(result.status).toBe('invalid_compression');
    expect(result.checks.at(-1)).toMatchObject({ code: 'ZLIB' });
  });

  it('reports a zip bomb as too large', async () => {
    const bomb = deflate(new Uint8Array(2 * 1024 * 1024).fill(0x20), { level: 9 });
    const result = await verify({ qr: payloadOf(bomb), trustedIssuers: [] });
    expect(result.status).toBe('too_large');
    expect(result.checks.at(-1)).toMatchObject({ code: 'SIZE_LIMIT' });
  });

  it.each([
    ['broken JSON', '{"a":'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"text"'],
  ])('reports %s', async (_name, text) => {
    const result = await verify({ qr: payloadOf(deflate(new TextEncoder().encode(text))), trustedIssuers: [] });
    expect(result.status).toBe('invalid_json');
  });

  it('reports invalid UTF-8 as invalid JSON', async () => {
    const result = await verify({ qr: payloadOf(deflate(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))), trustedIssuers: [] });
    expect(result.status).toBe('invalid_json');
  });

  it('decodes a payload compressed at level 6 as well as level 9', async () => {
    const { key, didDocument } = await testIssuer();
    const { credential } = await sampleCertificate(key);
    const level6 = payloadOf(deflate(new TextEncoder().encode(JSON.stringify(credential)), { level: 6 }));
    const decoded = decodeQrText(level6);
    expect(decoded.ok).toBe(true);
    const result = await verify({ qr: level6, trustedIssuers: [didDocument], now: NOW });
    expect(result.status).toBe('valid');
  });
});
