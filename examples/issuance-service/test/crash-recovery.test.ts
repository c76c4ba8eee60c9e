/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- response bodies are untyped JSON that the tests check field by field. */
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { verify } from '@vaxcert/verifier-sdk';
import { afterAll, describe, expect, it } from 'vitest';

import { call, createApiKey, sampleRequests, startService, tempDataDir, waitFor, type RunningService } from './helpers.js';

describe('crash recovery', () => {
  const dataDir = tempDataDir();
  const env = { DATA_DIR: dataDir };
  const services: RunningService[] = [];
  afterAll(async () => {
    for (const service of services) await service.kill();
  });

  const count = (sql: string) => {
    const db = new Database(join(dataDir, 'issuance.sqlite'), { readonly: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('issues every accepted request exactly once after SIGKILL', async () => {
    const apiKey = createApiKey(env, 'facility');
    const requests = sampleRequests();
    const first = await startService(env);
    services.push(first);

    const trackingIds: string[] = [];
    for (let start = 0; start < requests.length; start += 100) {
      const response = await call(`${first.url}/v1/certify`, { method: 'POST', apiKey, body: requests.slice(start, start + 100) });
      expect(response.status).toBe(202);
      trackingIds.push(...(response.body.requests as { trackingId: string }[]).map((item) => item.trackingId));
    }
    expect(new Set(trackingIds).size).toBe(1000);

    // Kill the process while it is signing, neither before nor after.
    await waitFor(async () => count(`SELECT COUNT(*) AS n FROM certificates`) >= 50, 60_000, '50 certificates');
    await first.kill();
    const issuedAtKill = count(`SELECT COUNT(*) AS n FROM certificates`);
    expect(issuedAtKill).toBeLessThan(1000);
    expect(count(`SELECT COUNT(*) AS n FROM requests`)).toBe(1000);

    const second = await startService(env);
    services.push(second);
    await waitFor(async () => count(`SELECT COUNT(*) AS n FROM requests WHERE state = 'pending'`) === 0, 180_000, 'the queue to drain');

    expect(count(`SELECT COUNT(*) AS n FROM requests WHERE state = 'issued'`)).toBe(1000);
    expect(count(`SELECT COUNT(*) AS n FROM certificates`)).toBe(1000);
    expect(count(`SELECT COUNT(*) AS n FROM certificates WHERE current = 1`)).toBe(1000);
    expect(count(`SELECT COUNT(DISTINCT programme || '/' || beneficiary_id || '/' || dose) AS n FROM certificates`)).toBe(1000);
    expect(count(`SELECT COUNT(DISTINCT certificate_id) AS n FROM requests`)).toBe(1000);
    // No certificate exists without the request that it was issued for.
    expect(
      count(`SELECT COUNT(*) AS n FROM certificates c WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.certificate_id = c.certificate_id)`),
    ).toBe(0);

    for (const trackingId of trackingIds.filter((_id, index) => index % 100 === 7)) {
      const status = await call(`${second.url}/v1/certify/${trackingId}`, { apiKey });
      expect(status.body.state).toBe('issued');
      expect(status.body.certificateId).toMatch(/^urn:uuid:/);
    }

    // A retried call returns the same tracking IDs and creates nothing.
    const retried = await call(`${second.url}/v1/certify`, { method: 'POST', apiKey, body: requests.slice(0, 100) });
    expect(retried.status).toBe(202);
    expect((retried.body.requests as { trackingId: string }[]).map((item) => item.trackingId)).toEqual(trackingIds.slice(0, 100));
    expect(count(`SELECT COUNT(*) AS n FROM requests`)).toBe(1000);

    const didDocument = (await call(`${second.url}/.well-known/did.json`)).body;
    for (const request of requests.filter((_request, index) => index % 50 === 3)) {
      const download = await call(`${second.url}/v1/certificates/${request.preEnrollmentCode as string}`, { apiKey });
      expect(download.status).toBe(200);
      const certificate = (download.body.certificates as { qrPayload: string; dose: number }[])[0]!;
      const result = await verify({ qr: certificate.qrPayload, trustedIssuers: [didDocument] });
      const signatureCheck = result.checks.find((check) => check.code === 'SIGNATURE');
      expect(signatureCheck?.passed, JSON.stringify(result.checks)).toBe(true);
    }
  });
});
