/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- response bodies are untyped JSON that the tests check field by field. */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, createApiKey, sampleCsv, sampleRequests, startService, tempDataDir, waitFor, type RunningService } from './helpers.js';

const secret = 'test-secret-for-hs256-tokens-only';

async function token(role: string): Promise<string> {
  return new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).setSubject('tester').setExpirationTime('5m').sign(new TextEncoder().encode(secret));
}

describe('issuance API', () => {
  const dataDir = tempDataDir();
  const env = { DATA_DIR: dataDir, JWT_SECRET: secret };
  let service: RunningService;
  let facilityKey: string;
  let adminKey: string;
  const requests = sampleRequests();

  beforeAll(async () => {
    facilityKey = createApiKey(env, 'facility');
    adminKey = createApiKey(env, 'admin');
    service = await startService(env);
  });
  afterAll(async () => {
    await service.stop();
  });

  it('rejects missing and invalid credentials with 401', async () => {
    expect((await call(`${service.url}/v1/certify`, { method: 'POST', body: [requests[0]] })).status).toBe(401);
    expect((await call(`${service.url}/v1/certify`, { method: 'POST', apiKey: 'vxk_wrong', body: [requests[0]] })).status).toBe(401);
    expect((await call(`${service.url}/v1/certify`, { method: 'POST', token: 'a.b.c', body: [requests[0]] })).status).toBe(401);
  });

  it('rejects a facility on admin routes with 403', async () => {
    const byKey = await call(`${service.url}/v1/certificates/123?doses=1`, { method: 'DELETE', apiKey: facilityKey });
    expect(byKey.status).toBe(403);
    const byToken = await call(`${service.url}/v1/analytics`, { token: await token('facility') });
    expect(byToken.status).toBe(403);
  });

  it('stores nothing when one request of a call is invalid', async () => {
    const invalid = structuredClone(requests[5]!) as { vaccination: { name: string } };
    invalid.vaccination.name = 'NoSuchVaccine';
    const response = await call(`${service.url}/v1/certify`, { method: 'POST', apiKey: facilityKey, body: [requests[4], invalid] });
    expect(response.status).toBe(400);
    expect(response.body.issues).toContainEqual(expect.objectContaining({ pointer: '/1/vaccination/name' }));
    const valid = await call(`${service.url}/v1/certify`, { method: 'POST', apiKey: facilityKey, body: [requests[4]] });
    expect(valid.body.requests[0].duplicate).toBe(false);
  });

  it('certifies, corrects once, then refuses with 412 and revokes', async () => {
    const request = requests[10]! as { preEnrollmentCode: string; vaccination: { batch: string; dose: number } };
    const accepted = await call(`${service.url}/v1/certify`, { method: 'POST', token: await token('facility'), body: [request] });
    expect(accepted.status).toBe(202);
    const trackingId = accepted.body.requests[0].trackingId as string;
    await waitFor(async () => (await call(`${service.url}/v1/certify/${trackingId}`, { apiKey: facilityKey })).body.state === 'issued', 30_000, 'issuance');

    const first = await call(`${service.url}/v1/certificates/${request.preEnrollmentCode}`, { apiKey: facilityKey });
    const original = first.body.certificates[0].certificateId as string;

    const fixed = { ...request, vaccination: { ...request.vaccination, batch: 'FIXED-001' } };
    const corrected = await call(`${service.url}/v1/certificate`, { method: 'PUT', apiKey: adminKey, body: fixed });
    expect(corrected.status).toBe(200);
    expect(corrected.body.previousCertificateId).toBe(original);

    const after = await call(`${service.url}/v1/certificates/${request.preEnrollmentCode}`, { apiKey: facilityKey });
    expect(after.body.certificates).toHaveLength(1);
    expect(after.body.certificates[0].certificateId).toBe(corrected.body.certificateId);
    expect(after.body.certificates[0].credential.evidence[0].batch).toBe('FIXED-001');

    const again = await call(`${service.url}/v1/certificate`, { method: 'PUT', apiKey: adminKey, body: fixed });
    expect(again.status).toBe(412);
    expect(again.body.message).toContain('correction');

    const suspended = await call(`${service.url}/v1/certificates/${request.preEnrollmentCode}/suspend`, { method: 'POST', apiKey: adminKey });
    expect(suspended.status).toBe(200);
    const revoked = await call(`${service.url}/v1/certificates/${request.preEnrollmentCode}?doses=${request.vaccination.dose}`, {
      method: 'DELETE',
      apiKey: adminKey,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked).toEqual([original, corrected.body.certificateId]);
    const final = await call(`${service.url}/v1/certificates/${request.preEnrollmentCode}`, { apiKey: facilityKey });
    expect(final.body.certificates[0].revoked).toBe(true);

    const analytics = await call(`${service.url}/v1/analytics`, { apiKey: adminKey });
    const events = new Set((analytics.body.counts as { event: string }[]).map((row) => row.event));
    for (const event of ['issued', 'corrected', 'revoked', 'suspended', 'downloaded']) expect(events).toContain(event);
  });

  it('queues a CSV upload once and reports every row', async () => {
    const csv = sampleCsv();
    const first = await call(`${service.url}/v1/bulk`, { method: 'POST', apiKey: facilityKey, body: csv, contentType: 'text/csv' });
    expect(first.status).toBe(202);
    expect(first.body.rows).toBe(200);
    const second = await call(`${service.url}/v1/bulk`, { method: 'POST', apiKey: facilityKey, body: csv, contentType: 'text/csv' });
    expect(second.body).toMatchObject({ uploadId: first.body.uploadId, duplicate: true });

    const broken = csv.replace(/ZyCoV-D/, 'NoSuchVaccine');
    const third = await call(`${service.url}/v1/bulk`, { method: 'POST', apiKey: facilityKey, body: broken, contentType: 'text/csv' });
    expect(third.status).toBe(202);
    const upload = await call(`${service.url}/v1/bulk/${third.body.uploadId as string}`, { apiKey: facilityKey });
    expect(upload.body.rows[0].state).toBe('invalid');
    expect(upload.body.rows[0].errors[0].pointer).toBe('/vaccination/name');
    // Rows that equal rows of the first upload share its tracking IDs.
    const original = await call(`${service.url}/v1/bulk/${first.body.uploadId as string}`, { apiKey: facilityKey });
    expect(upload.body.rows[1].trackingId).toBe(original.body.rows[1].trackingId);
  });

  it('serves status lists with ETag and Cache-Control', async () => {
    const request = requests[10]! as { preEnrollmentCode: string };
    const certificates = await call(`${service.url}/v1/certificates/${request.preEnrollmentCode}`, { apiKey: facilityKey });
    // PUBLIC_URL is not set, so the list URL names port 0; the path is what matters here.
    const listPath = new URL(certificates.body.certificates[0].credential.credentialStatus[0].statusListCredential as string).pathname;
    const listUrl = `${service.url}${listPath}`;
    const list = await fetch(listUrl);
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = list.headers.get('etag')!;
    const cached = await fetch(listUrl, { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
  });

  it('logs no names, phone numbers, identity numbers or keys', async () => {
    const { readFileSync } = await import('node:fs');
    const keyFile = JSON.parse(readFileSync(`${dataDir}/issuer-key.json`, 'utf8')) as { privateKeyMultibase: string };
    const text = service.logs.join('\n');
    expect(text).toContain('certificate corrected');
    expect(text).not.toContain(keyFile.privateKeyMultibase);
    expect(text).not.toContain(adminKey);
    for (const request of requests.slice(0, 12) as { recipient: { name: string; contact: string[]; identity?: string } }[]) {
      expect(text).not.toContain(request.recipient.name);
      expect(text).not.toContain(request.recipient.contact[0]!.replace('tel:', ''));
      if (request.recipient.identity !== undefined) expect(text).not.toContain(request.recipient.identity);
    }
  });
});
