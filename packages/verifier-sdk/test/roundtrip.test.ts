import { describe, expect, it } from 'vitest';
import encodeJpeg from 'jpeg-js/lib/encoder.js';

import { issue, renderQr } from '@vaxcert/issuer-sdk';
import { decodeImageFile, verify } from '@vaxcert/verifier-sdk';

import { NOW, sampleRequests, testIssuer } from './support.js';

const { key, didDocument } = await testIssuer();
const trustedIssuers = [didDocument];
const requests = sampleRequests();

describe('round trip', () => {
  it('verifies all 1,000 sample certificates from their QR text', async () => {
    const statuses = new Map<string, number>();
    for (const request of requests) {
      const { qrPayload, certificateId } = await issue({ request, key, now: NOW });
      const result = await verify({ qr: qrPayload, trustedIssuers, now: NOW });
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      expect(result.certificate?.certificateId).toBe(certificateId);
    }
    expect(Object.fromEntries(statuses)).toEqual({ valid: requests.length });
  }, 300_000);

  it('shows the display fields of a certificate', async () => {
    const request = requests[0]!;
    const { qrPayload, certificateId } = await issue({ request, key, now: NOW });
    const { certificate, format, legacy } = await verify({ qr: qrPayload, trustedIssuers, now: NOW });
    expect(format).toBe('vaxcert');
    expect(legacy).toBe(false);
    expect(certificate).toMatchObject({
      name: request.recipient.name,
      age: Number(request.recipient.age),
      gender: request.recipient.gender,
      beneficiaryId: request.preEnrollmentCode,
      certificateId,
      vaccine: request.vaccination.name,
      dose: request.vaccination.dose,
      totalDoses: request.vaccination.totalDoses,
      doseLabel: `${request.vaccination.dose} of ${request.vaccination.totalDoses}`,
      certificateKind: 'provisional',
      vaccinationDate: request.vaccination.date,
      facility: request.facility.name,
      issuer: 'did:web:certify.example.gov.in',
    });
  });

  it('labels a dose past the primary series as a precaution dose', async () => {
    const request = requests.find((entry) => entry.vaccination.dose > entry.vaccination.totalDoses)!;
    const { qrPayload } = await issue({ request, key, now: NOW });
    const { certificate } = await verify({ qr: qrPayload, trustedIssuers, now: NOW });
    expect(certificate?.doseLabel).toBe('precaution dose');
    expect(certificate?.certificateKind).toBe('precaution');
  });
});

describe('QR images', async () => {
  const { qrPayload } = await issue({ request: requests[1]!, key, now: NOW });
  const png = (await renderQr({ payload: qrPayload, format: 'png', scale: 3 })).image as Uint8Array;

  it('verifies a PNG image of the QR code', async () => {
    const result = await verify({ qr: png, trustedIssuers, now: NOW });
    expect(result.status).toBe('valid');
    expect(result.checks[0]).toMatchObject({ code: 'QR_IMAGE', passed: true });
  });

  it('verifies a JPEG image of the QR code', async () => {
    const pixels = decodeImageFile(png);
    const jpeg = encodeJpeg({ data: pixels.data, width: pixels.width, height: pixels.height }, 90).data;
    const result = await verify({ qr: new Uint8Array(jpeg), trustedIssuers, now: NOW });
    expect(result.status).toBe('valid');
  });

  it('verifies raw RGBA pixels', async () => {
    const result = await verify({ qr: decodeImageFile(png), trustedIssuers, now: NOW });
    expect(result.status).toBe('valid');
  });

  it('reports an image without a QR code', async () => {
    const blank = { data: new Uint8ClampedArray(200 * 200 * 4).fill(255), width: 200, height: 200 };
    const result = await verify({ qr: blank, trustedIssuers, now: NOW });
    expect(result.status).toBe('no_qr_code');
  });

  it('reports a truncated PNG file', async () => {
    const result = await verify({ qr: png.subarray(0, 200), trustedIssuers, now: NOW });
    expect(result.status).toBe('malformed');
    expect(result.checks[0]).toMatchObject({ code: 'QR_IMAGE', passed: false });
  });

  it('reports pixel data of the wrong size', async () => {
    const result = await verify({ qr: { data: new Uint8ClampedArray(10), width: 200, height: 200 }, trustedIssuers, now: NOW });
    expect(result.status).toBe('malformed');
  });
});
