import { describe, expect, it } from 'vitest';
import { inflate } from 'pako';
import { decode as base45Decode } from 'base45';

import { encodeQrPayload, generateIssuerKey, issue, renderQr } from '@vaxcert/issuer-sdk';

import { NOW, readJsonLines } from './support.js';

const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in' });
const [request] = readJsonLines<Record<string, unknown>>('certify-requests.jsonl');

describe('QR payload', () => {
  it('is VC1: followed by base45 of the zlib-compressed JSON', async () => {
    const { credential, qrPayload } = await issue({ request, key, now: NOW });
    expect(qrPayload.startsWith('VC1:')).toBe(true);
    expect(qrPayload.slice(4)).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    const compressed = new Uint8Array(base45Decode(qrPayload.slice(4)));
    expect([compressed[0], compressed[1]]).toEqual([0x78, 0xda]);
    expect(JSON.parse(new TextDecoder().decode(inflate(compressed)))).toEqual(credential);
  });

  it('rejects an unknown format', async () => {
    const { credential } = await issue({ request, key, now: NOW });
    expect(() => encodeQrPayload({ credential, format: 'cbor' as never })).toThrow(TypeError);
  });
});

describe('renderQr', () => {
  it('renders PNG at level M by default and reports the version', async () => {
    const { qrPayload } = await issue({ request, key, now: NOW });
    const rendered = await renderQr({ payload: qrPayload, format: 'png' });
    expect(rendered.errorCorrectionLevel).toBe('M');
    expect([...rendered.image.slice(0, 4) as Uint8Array]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(rendered.version).toBeGreaterThanOrEqual(15);
    expect(rendered.size).toBe(17 + 4 * rendered.version);
  });

  it('renders SVG and needs a larger version at level Q', async () => {
    const { qrPayload } = await issue({ request, key, now: NOW });
    const medium = await renderQr({ payload: qrPayload, format: 'svg' });
    const quartile = await renderQr({ payload: qrPayload, format: 'svg', errorCorrectionLevel: 'Q' });
    expect(medium.image).toMatch(/^<svg/);
    expect(quartile.version).toBeGreaterThan(medium.version);
  });

  it('reports a payload too large for any QR code', async () => {
    await expect(renderQr({ payload: 'A'.repeat(5000), format: 'png', errorCorrectionLevel: 'H' })).rejects.toMatchObject({
      code: 'ERR_PAYLOAD_TOO_LARGE',
    });
  });
});
