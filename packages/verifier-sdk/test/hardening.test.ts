import { describe, expect, it } from 'vitest';
import { deflate } from 'pako';
import { encode as base45Encode } from 'base45';

import { encodeQrPayload, issue, renderQr } from '@vaxcert/issuer-sdk';
import { createTrustStore, verify } from '@vaxcert/verifier-sdk';

import { NOW, sampleRequests, testIssuer } from './support.js';

const { key, didDocument } = await testIssuer();
const trustedIssuers = [didDocument];
const { credential, qrPayload } = await issue({ request: sampleRequests()[0], key, now: NOW });

function payloadOfText(json: string): string {
  return `VC1:${base45Encode(deflate(new TextEncoder().encode(json)))}`;
}

describe('verify hardening', () => {
  it('shows no display fields for a forged certificate', async () => {
    const forged = structuredClone(credential);
    forged.credentialSubject.name = 'Someone Else';
    const result = await verify({ qr: encodeQrPayload({ credential: forged }), trustedIssuers, now: NOW });
    expect(result.status).toBe('invalid_signature');
    expect(result.certificate).toBeUndefined();
    const untrusted = await verify({ qr: qrPayload, trustedIssuers: [], now: NOW });
    expect(untrusted.certificate).toBeUndefined();
  });

  it('rejects an unpaired surrogate escape in a string', async () => {
    const json = JSON.stringify(credential).replace(credential.credentialSubject.name, 'Abdul \\ud800 Reddy');
    const result = await verify({ qr: payloadOfText(json), trustedIssuers, now: NOW });
    expect(result.status).toBe('invalid_json');
    expect(result.checks.at(-1)).toMatchObject({ code: 'JSON', pointer: '/credentialSubject/name' });
  });

  it('rejects deeply nested JSON without overflowing the stack', async () => {
    const nested = `{"a":${'['.repeat(12_000)}${']'.repeat(12_000)}}`;
    const result = await verify({ qr: payloadOfText(nested), trustedIssuers, now: NOW });
    expect(result.status).toBe('invalid_json');
    expect(result.checks.at(-1)?.message).toMatch(/nested deeper than 32 levels/);
  });

  it('rejects a JPEG that declares an image past the side limit', async () => {
    // SOI, then an SOF0 frame header declaring 65,535 × 244 pixels.
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0xf4, 0xff, 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9]);
    const result = await verify({ qr: jpeg, trustedIssuers, now: NOW });
    expect(result.status).toBe('malformed');
    expect(result.checks[0]?.message).toMatch(/65535 × 244 pixels exceeds the limits/);
  });

  it('rejects a byte order mark before the JSON', async () => {
    const result = await verify({ qr: payloadOfText(`\ufeff${JSON.stringify(credential)}`), trustedIssuers, now: NOW });
    expect(result.status).toBe('invalid_json');
  });

  it('rejects a PNG that declares a huge image without decoding it', async () => {
    const png = (await renderQr({ payload: qrPayload, format: 'png', scale: 2 })).image as Uint8Array;
    const forged = png.slice();
    new DataView(forged.buffer).setUint32(16, 2_147_483_647);
    const started = performance.now();
    const result = await verify({ qr: forged, trustedIssuers, now: NOW });
    expect(result.status).toBe('malformed');
    expect(result.checks[0]?.message).toMatch(/exceeds the limits/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('rejects raw pixels with a side past the limit', async () => {
    const result = await verify({ qr: { data: new Uint8ClampedArray(16_000_000 * 4), width: 16_000_000, height: 1 }, trustedIssuers, now: NOW });
    expect(result.status).toBe('malformed');
  });

  it('ignores the line break a scanner appends', async () => {
    expect((await verify({ qr: `${qrPayload}\r\n`, trustedIssuers, now: NOW })).status).toBe('valid');
    expect((await verify({ qr: `  ${qrPayload}`, trustedIssuers, now: NOW })).status).toBe('valid');
  });

  it('explains SVG markup passed as QR text', async () => {
    const svg = (await renderQr({ payload: qrPayload, format: 'svg' })).image as string;
    const result = await verify({ qr: svg, trustedIssuers, now: NOW });
    expect(result.status).toBe('unsupported_format');
    expect(result.checks[0]?.message).toMatch(/SVG/);
  });

  it('throws a TypeError for a qr argument of the wrong type', async () => {
    await expect(verify({ qr: credential as never, trustedIssuers })).rejects.toThrow(TypeError);
    await expect(verify({ qr: { data: [0, 0, 0, 255], width: 1, height: 1 } as never, trustedIssuers })).rejects.toThrow(TypeError);
  });

  it('throws a TypeError naming a malformed trusted issuer entry', () => {
    expect(() => createTrustStore([{} as never])).toThrow(/trustedIssuers\[0\]/);
    expect(() => createTrustStore(['did:web:a.example' as never])).toThrow(/trustedIssuers\[0\]/);
    expect(() => createTrustStore([key as never])).toThrow(TypeError);
  });

  it('rejects a trusted key that carries its private key', () => {
    const withPrivate = { ...didDocument.verificationMethod[0]!, privateKeyMultibase: 'z123' };
    expect(() => createTrustStore([withPrivate])).toThrow(/private key/);
  });

  it('reports status_unknown when the status fetcher throws', async () => {
    const withStatus = {
      ...structuredClone(credential),
      credentialStatus: [
        {
          id: 'https://certify.example.gov.in/status-lists/r#5',
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '5',
          statusListCredential: 'https://certify.example.gov.in/status-lists/r',
        },
      ],
    };
    const signed = await issue({ request: sampleRequests()[0], key, now: NOW, credentialStatus: withStatus.credentialStatus as never });
    const fetcher = async () => ({
      get id(): string {
        throw new Error('getter');
      },
    });
    const result = await verify({ qr: signed.qrPayload, trustedIssuers, now: NOW, statusSource: { fetch: fetcher } });
    expect(result.status).toBe('status_unknown');
    expect(encodeQrPayload({ credential: signed.credential })).toBe(signed.qrPayload);
  });
});
