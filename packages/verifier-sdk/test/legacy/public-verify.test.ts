import { zipSync } from 'fflate';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';

import { verify } from '@vaxcert/verifier-sdk';

import { NOW, cowinCredential, cowinQrBytes, cowinQrText, indiaRsaKey, toLatin1, zipCredential } from './fixtures.js';

const options = { trustedIssuers: [], trustedLegacyKeys: [indiaRsaKey], now: NOW };

describe('verify on Co-WIN codes', () => {
  it.each([
    ['the B64: text form', cowinQrText],
    ['the Latin-1 string a scanner returns', toLatin1(cowinQrBytes)],
    ['the raw QR bytes', cowinQrBytes],
  ])('verifies %s', async (_name, qr) => {
    const result = await verify({ qr, ...options });
    expect(result.status).toBe('valid');
    expect(result.legacy).toBe(true);
    expect(result.format).toBe('cowin-legacy');
    expect(result.warnings[0]?.code).toBe('UNPROTECTED_FIELDS');
  });

  it('ignores white space a scanner puts before the B64: text', async () => {
    const result = await verify({ qr: `\ufeff \n${cowinQrText}`, ...options });
    expect(result.status).toBe('valid');
  });

  it('rejects an unpaired surrogate escape in certificate.json', async () => {
    const credential = cowinCredential();
    const json = JSON.stringify(credential).replace(/"name":"([^"]*)"/, '"name":"$1 \\ud800"');
    const zip = zipSync({ 'certificate.json': new TextEncoder().encode(json) });
    const result = await verify({ qr: zip, ...options });
    expect(result.status).toBe('invalid_json');
  });

  it('verifies a PNG image of the byte-mode QR code', async () => {
    const png = await QRCode.toBuffer([{ data: cowinQrBytes, mode: 'byte' }], { errorCorrectionLevel: 'L', scale: 3 });
    const result = await verify({ qr: new Uint8Array(png), ...options });
    expect(result.status).toBe('valid');
    expect(result.checks[0]).toMatchObject({ code: 'QR_IMAGE', passed: true });
    expect(result.certificate?.name).toBeTruthy();
  });

  it('shows no display fields for a changed Co-WIN certificate', async () => {
    const credential = cowinCredential();
    (credential.credentialSubject as Record<string, unknown>).name = 'Someone Else';
    const result = await verify({ qr: zipCredential(credential), ...options });
    expect(result.status).toBe('invalid_signature');
    expect(result.certificate).toBeUndefined();
  });

  it('treats India\'s key as untrusted unless the caller passes it', async () => {
    const result = await verify({ qr: cowinQrText, trustedIssuers: [], now: NOW });
    expect(result.status).toBe('untrusted_issuer');
  });

  it('reports a UTF-8-mangled scan as an encoding error', async () => {
    const mangled = new TextDecoder().decode(cowinQrBytes);
    const result = await verify({ qr: mangled, ...options });
    expect(result.status).toBe('invalid_encoding');
  });

  it.each(['@included', '@set', '@id'])('rejects a %s keyword that could move a signed value', async (keyword) => {
    const credential = cowinCredential();
    const subject = credential.credentialSubject as Record<string, unknown>;
    if (keyword === '@included') {
      credential['@included'] = [{ name: subject.name }];
      subject.name = null;
    } else if (keyword === '@set') {
      subject.name = { '@set': [subject.name] };
    } else {
      subject['@id'] = 'https://attacker.example/person';
    }
    const result = await verify({ qr: zipCredential(credential), ...options });
    expect(result.status).toBe('unexpected_jsonld');
  });
});
