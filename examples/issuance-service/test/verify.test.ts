/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- response bodies are untyped JSON that the tests check field by field. */
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { generateIssuerKey, issue } from '@vaxcert/issuer-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, createApiKey, sampleRequests, startService, tempDataDir, waitFor, type RunningService } from './helpers.js';

describe('POST /v1/verify', () => {
  const dataDir = tempDataDir();
  const rateLimit = 9;
  const env = { DATA_DIR: dataDir, VERIFY_RATE_LIMIT: String(rateLimit) };
  let service: RunningService;
  let adminKey: string;
  let facilityKey: string;
  let qrPayload: string;
  let verifyCalls = 0;
  const request = sampleRequests()[40] as { preEnrollmentCode: string; recipient: { name: string }; vaccination: { dose: number } };

  const verifyQr = async (body: unknown) => {
    verifyCalls += 1;
    return call(`${service.url}/v1/verify`, { method: 'POST', body });
  };

  beforeAll(async () => {
    adminKey = createApiKey(env, 'admin');
    facilityKey = createApiKey(env, 'facility');
    service = await startService(env);
    const accepted = await call(`${service.url}/v1/certify`, { method: 'POST', apiKey: facilityKey, body: [request] });
    const trackingId = accepted.body.requests[0].trackingId as string;
    await waitFor(async () => (await call(`${service.url}/v1/certify/${trackingId}`, { apiKey: facilityKey })).body.state === 'issued', 30_000, 'issuance');
    const download = await call(`${service.url}/v1/certificates/${request.preEnrollmentCode}`, { apiKey: facilityKey });
    qrPayload = download.body.certificates[0].qrPayload as string;
  });
  afterAll(async () => {
    await service.stop();
  });

  it('reports a valid certificate without credentials', async () => {
    const response = await verifyQr({ qr: qrPayload });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('valid');
    expect(response.body.verified).toBe(true);
    const revocation = (response.body.checks as { code: string; passed: boolean }[]).find((check) => check.code === 'REVOCATION');
    expect(revocation?.passed).toBe(true);
    expect(response.body.certificate.dose).toBe(request.vaccination.dose);
  });

  it('reports suspension and revocation from the status lists', async () => {
    const code = request.preEnrollmentCode;
    expect((await call(`${service.url}/v1/certificates/${code}/suspend`, { method: 'POST', apiKey: adminKey })).status).toBe(200);
    expect((await verifyQr({ qr: qrPayload })).body.status).toBe('suspended');

    const revoked = await call(`${service.url}/v1/certificates/${code}?doses=${request.vaccination.dose}`, { method: 'DELETE', apiKey: adminKey });
    expect(revoked.status).toBe(200);
    expect((await verifyQr({ qr: qrPayload })).body.status).toBe('revoked');
  });

  it('rejects a certificate of another issuer', async () => {
    const key = await generateIssuerKey({ did: 'did:web:other.example' });
    const foreign = await issue({ request: sampleRequests()[41], key });
    const response = await verifyQr({ qr: foreign.qrPayload });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('untrusted_issuer');
    expect(response.body.verified).toBe(false);
  });

  it('rejects a body without qr with 400', async () => {
    const response = await verifyQr({ payload: qrPayload });
    expect(response.status).toBe(400);
  });

  it('records verified events without names or IDs', () => {
    const db = new Database(join(dataDir, 'issuance.sqlite'), { readonly: true });
    let rows: Record<string, unknown>[];
    try {
      rows = db.prepare(`SELECT * FROM events WHERE event = 'verified' ORDER BY at`).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
    expect(rows.map((row) => row.outcome)).toEqual(['valid', 'suspended', 'revoked', 'untrusted_issuer']);
    expect(rows[0]).toMatchObject({ dose: request.vaccination.dose, certificate_kind: expect.any(String), vaccine: expect.any(String) });
    expect(Object.keys(rows[0]!).sort()).toEqual(['at', 'certificate_kind', 'day', 'dose', 'event', 'outcome', 'region', 'vaccine']);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(request.preEnrollmentCode);
    expect(text).not.toContain(request.recipient.name);
  });

  it('counts verified events by outcome in analytics', async () => {
    const analytics = await call(`${service.url}/v1/analytics`, { apiKey: adminKey });
    const verified = (analytics.body.counts as { event: string; outcome: string; count: number }[]).filter((row) => row.event === 'verified');
    expect(verified.map((row) => row.outcome).sort()).toEqual(['revoked', 'suspended', 'untrusted_issuer', 'valid']);
  });

  it('answers 429 once the rate limit is reached', async () => {
    while (verifyCalls < rateLimit) expect((await verifyQr({ qr: qrPayload })).status).toBe(200);
    const limited = await verifyQr({ qr: qrPayload });
    expect(limited.status).toBe(429);
  });
});
