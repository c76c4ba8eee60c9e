/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- the tests build and read untyped JSON documents field by field. */
// Races a correction of a dose against the revocation of the same dose, and certifies a revoked
// dose again, on SQLite and PostgreSQL. Once both racing calls have returned success, no
// certificate of the dose may be left unrevoked, because revocation is permanent and covers
// every certificate of the dose.
import { afterAll, describe, expect, it } from 'vitest';

import {
  call,
  createApiKey,
  dropSchema,
  postgresUrl,
  sampleRequests,
  startService,
  tempDataDir,
  uniqueSchema,
  waitFor,
  type RunningService,
} from './helpers.js';

type Body = Record<string, any>;

describe.each([['sqlite'], ['postgres']] as const)('revocation racing a correction on %s', (store) => {
  const schema = uniqueSchema();
  const env: Record<string, string> =
    store === 'sqlite'
      ? { DATA_DIR: tempDataDir(), CORRECTION_LIMIT: '3' }
      : { DATA_DIR: tempDataDir(), CORRECTION_LIMIT: '3', STORE: 'postgres', DATABASE_URL: postgresUrl, PG_SCHEMA: schema };
  let service: RunningService | undefined;
  afterAll(async () => {
    await service?.kill();
    if (store === 'postgres') await dropSchema(schema);
  });

  it('revokes the corrected certificate too', async () => {
    const facilityKey = createApiKey(env, 'facility');
    const adminKey = createApiKey(env, 'admin');
    service = await startService(env);
    const url = service.url;

    const requests: Body[] = sampleRequests().slice(0, 30).map((request, index) => ({ ...request, preEnrollmentCode: `RV${String(index).padStart(6, '0')}` }));
    const accepted = await call(`${url}/v1/certify`, { method: 'POST', apiKey: facilityKey, body: requests });
    expect(accepted.status).toBe(202);
    const trackingIds = (accepted.body.requests as { trackingId: string }[]).map((item) => item.trackingId);
    await waitFor(
      async () => (await Promise.all(trackingIds.map((id) => call(`${url}/v1/certify/${id}`, { apiKey: facilityKey })))).every((answer) => answer.body.state === 'issued'),
      60_000,
      'issuance',
    );

    // For each dose: a correction and a revocation at the same time.
    const answers = await Promise.all(
      requests.map(async (request, index) => {
        const corrected = structuredClone(request);
        corrected.vaccination.batch = `RACE${index}`;
        const [correction, revocation] = await Promise.all([
          call(`${url}/v1/certificate`, { method: 'PUT', apiKey: adminKey, body: corrected }),
          call(`${url}/v1/certificates/${request.preEnrollmentCode as string}?doses=${request.vaccination.dose as number}`, { method: 'DELETE', apiKey: adminKey }),
        ]);
        return { request, correction, revocation };
      }),
    );

    const unrevoked: string[] = [];
    const failed: string[] = [];
    for (const { request, correction, revocation } of answers) {
      if (revocation.status >= 300) failed.push(`revocation ${revocation.status}`);
      if (![200, 409].includes(correction.status)) failed.push(`correction ${correction.status}`);
      if (revocation.status >= 300) continue;
      const download = await call(`${url}/v1/certificates/${request.preEnrollmentCode as string}`, { apiKey: facilityKey });
      for (const certificate of download.body.certificates as { revoked: boolean; certificateId: string }[]) {
        if (!certificate.revoked) unrevoked.push(`${request.preEnrollmentCode as string}: ${certificate.certificateId} (correction ${correction.status})`);
      }
    }
    const errors = service.logs.filter((line) => line.includes('"level":50')).map((line) => (JSON.parse(line) as { err?: { message?: string } }).err?.message);
    expect({ unrevoked, failed, errors: [...new Set(errors)] }).toEqual({ unrevoked: [], failed: [], errors: [] });
  });

  it('issues a new certificate after revocation', async () => {
    // Certifying a revoked dose again must give a new certificate in force.
    const facilityKey = createApiKey(env, 'facility');
    const adminKey = createApiKey(env, 'admin');
    const url = service!.url;
    const request: Body = { ...sampleRequests()[40]!, preEnrollmentCode: 'RC000001' };
    const first = await call(`${url}/v1/certify`, { method: 'POST', apiKey: facilityKey, body: [request] });
    const firstId = first.body.requests[0].trackingId as string;
    await waitFor(async () => (await call(`${url}/v1/certify/${firstId}`, { apiKey: facilityKey })).body.state === 'issued', 30_000, 'issuance');
    const revoked = await call(`${url}/v1/certificates/RC000001?doses=${request.vaccination.dose as number}`, { method: 'DELETE', apiKey: adminKey });
    expect(revoked.status).toBeLessThan(300);

    const again = structuredClone(request);
    again.vaccination.batch = 'AGAIN01';
    const second = await call(`${url}/v1/certify`, { method: 'POST', apiKey: facilityKey, body: [again] });
    expect(second.status).toBe(202);
    const secondId = second.body.requests[0].trackingId as string;
    await waitFor(async () => (await call(`${url}/v1/certify/${secondId}`, { apiKey: facilityKey })).body.state !== 'pending', 30_000, 'issuance');
    const state = (await call(`${url}/v1/certify/${secondId}`, { apiKey: facilityKey })).body;
    const download = await call(`${url}/v1/certificates/RC000001`, { apiKey: facilityKey });
    const current = (download.body.certificates as { certificateId: string; revoked: boolean }[]).find((item) => item.certificateId === state.certificateId);
    expect({ state: state.state, duplicate: state.duplicate, revoked: current?.revoked }).toEqual({ state: 'issued', duplicate: false, revoked: false });
  });
});
