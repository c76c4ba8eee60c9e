/* eslint-disable @typescript-eslint/no-unsafe-member-access -- response bodies are untyped JSON that the tests check field by field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, createApiKey, sampleRequests, startService, tempDataDir, waitFor, type RunningService } from './helpers.js';

describe('compact QR format and credential profile', () => {
  const env = { DATA_DIR: tempDataDir(), QR_FORMAT: 'compact', CREDENTIAL_PROFILE: 'compact', CORRECTION_LIMIT: '2' };
  const request = sampleRequests()[7] as { preEnrollmentCode: string; vaccination: { dose: number; batch: string } };
  let service: RunningService;
  let facilityKey: string;
  let adminKey: string;

  const currentCertificate = async () => {
    const download = await call(`${service.url}/v1/certificates/${request.preEnrollmentCode}`, { apiKey: facilityKey });
    return download.body.certificates[0] as { qrPayload: string; credential: { credentialSubject: Record<string, unknown> } };
  };

  beforeAll(async () => {
    facilityKey = createApiKey(env, 'facility');
    adminKey = createApiKey(env, 'admin');
    service = await startService(env);
    const accepted = await call(`${service.url}/v1/certify`, { method: 'POST', apiKey: facilityKey, body: [request] });
    const trackingId = accepted.body.requests[0].trackingId as string;
    await waitFor(async () => (await call(`${service.url}/v1/certify/${trackingId}`, { apiKey: facilityKey })).body.state === 'issued', 30_000, 'issuance');
  });
  afterAll(async () => {
    await service.stop();
  });

  it('issues compact certificates that verify', async () => {
    const certificate = await currentCertificate();
    expect(certificate.qrPayload.startsWith('VCC1:')).toBe(true);
    expect(certificate.credential.credentialSubject.address).toBeUndefined();
    expect((await call(`${service.url}/v1/verify`, { method: 'POST', body: { qr: certificate.qrPayload } })).body.status).toBe('valid');
  });

  it('corrects in the same format', async () => {
    const corrected = { ...request, vaccination: { ...request.vaccination, batch: `${request.vaccination.batch}X` } };
    const response = await call(`${service.url}/v1/certificate`, { method: 'PUT', apiKey: adminKey, body: corrected });
    expect(response.status).toBe(200);
    const certificate = await currentCertificate();
    expect(certificate.qrPayload.startsWith('VCC1:')).toBe(true);
    expect((await call(`${service.url}/v1/verify`, { method: 'POST', body: { qr: certificate.qrPayload } })).body.status).toBe('valid');
  });
});
