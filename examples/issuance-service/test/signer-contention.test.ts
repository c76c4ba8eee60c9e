/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- the tests build and read untyped JSON documents field by field. */
// Two signer processes (SERVICE_MODE=signer) on one PostgreSQL schema compete for the same
// requests with leases short enough to expire while a batch is signed, so leases are taken over.
// Corrections and revocations run while the signers work. Checks one current certificate per
// dose, distinct status list indexes, one webhook call per request and one event per certificate.
import { createServer, type Server } from 'node:http';

import pg from 'pg';
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

describe('two signers on one PostgreSQL schema', () => {
  const schema = uniqueSchema();
  const env: Record<string, string> = { DATA_DIR: tempDataDir(), STORE: 'postgres', DATABASE_URL: postgresUrl, PG_SCHEMA: schema };
  const services: RunningService[] = [];
  let receiver: Server | undefined;
  afterAll(async () => {
    for (const running of services) await running.kill();
    receiver?.close();
    await dropSchema(schema);
  });

  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, any>[];
    } finally {
      await client.end();
    }
  };
  const count = async (sql: string) => Number((await query(sql))[0]!.n);

  it('issues once per dose under contention', async () => {
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', () => resolve()));
    env.WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    env.WEBHOOK_BASE_DELAY_MS = '50';

    const facilityKey = createApiKey(env, 'facility');
    const adminKey = createApiKey(env, 'admin');
    const api = await startService({ ...env, SERVICE_MODE: 'api' });
    services.push(api);

    // 800 requests for 600 doses: requests 600..799 repeat doses 0..199 with another batch number.
    const samples = sampleRequests();
    const requests: Body[] = Array.from({ length: 800 }, (_unused, index) => {
      const request = structuredClone(samples[index % 600]!) as Body;
      request.preEnrollmentCode = `S${String(index % 600).padStart(7, '0')}`;
      if (index >= 600) request.vaccination.batch = `REP${index}`;
      return request;
    });
    // The first 600 go in before the signers start, so both signers find a full queue.
    for (let start = 0; start < 600; start += 200) {
      const answer = await call(`${api.url}/v1/certify`, { method: 'POST', apiKey: facilityKey, body: requests.slice(start, start + 200) });
      expect(answer.status).toBe(202);
    }
    const signerEnv = { ...env, SERVICE_MODE: 'signer', LEASE_MS: '150', CLAIM_BATCH: '200' };
    services.push(
      await startService(signerEnv, { waitForLine: 'signer started' }),
      await startService(signerEnv, { waitForLine: 'signer started' }),
    );

    // Once some doses are issued, send the repeats, and correct and revoke issued doses meanwhile.
    await waitFor(async () => (await count(`SELECT COUNT(*) AS n FROM certificates`)) >= 60, 90_000, '60 certificates');
    const repeats = call(`${api.url}/v1/certify`, { method: 'POST', apiKey: facilityKey, body: requests.slice(600) });
    const issued = await query(`SELECT beneficiary_id, dose, request FROM certificates WHERE current = 1 ORDER BY beneficiary_id LIMIT 40`);
    const admin = issued.map(async (row, index) => {
      if (index % 2 === 0) {
        const corrected = JSON.parse(row.request as string) as Body;
        corrected.vaccination.batch = `FIX${index}`;
        return call(`${api.url}/v1/certificate`, { method: 'PUT', apiKey: adminKey, body: corrected });
      }
      return call(`${api.url}/v1/certificates/${row.beneficiary_id as string}?doses=${row.dose as number}`, { method: 'DELETE', apiKey: adminKey });
    });
    expect((await repeats).status).toBe(202);
    const adminAnswers = await Promise.all(admin);
    const apiErrors = api.logs.filter((line) => line.includes('"level":50')).map((line) => (JSON.parse(line) as { err?: { message?: string } }).err?.message);
    for (const answer of adminAnswers) expect(answer.status, apiErrors.join('\n')).toBeLessThan(300);

    await waitFor(async () => (await count(`SELECT COUNT(*) AS n FROM requests WHERE state = 'pending'`)) === 0, 120_000, 'the queue to drain');

    expect(await count(`SELECT COUNT(*) AS n FROM requests`)).toBe(800);
    expect(await count(`SELECT COUNT(*) AS n FROM requests WHERE state = 'issued'`)).toBe(800);
    expect(await count(`SELECT COUNT(*) AS n FROM certificates WHERE current = 1`)).toBe(600);
    const corrections = adminAnswers.filter((_answer, index) => index % 2 === 0).length;
    expect(await count(`SELECT COUNT(*) AS n FROM certificates`)).toBe(600 + corrections);
    expect(await count(`SELECT COUNT(*) AS n FROM requests WHERE duplicate = 0`)).toBe(600);
    // Every request points to a certificate of its own dose.
    expect(
      await count(`SELECT COUNT(*) AS n FROM requests r WHERE NOT EXISTS (SELECT 1 FROM certificates c
        WHERE c.certificate_id = r.certificate_id AND c.beneficiary_id = r.beneficiary_id AND c.dose = r.dose)`),
    ).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM webhook_deliveries`)).toBe(800);
    expect(await count(`SELECT COUNT(DISTINCT tracking_id) AS n FROM webhook_deliveries`)).toBe(800);
    expect(await count(`SELECT COUNT(*) AS n FROM events WHERE event = 'issued'`)).toBe(600);

    // No two certificates share a status list index.
    const entries = (await query(`SELECT credential_status FROM certificates`)).flatMap(
      (row) => JSON.parse(row.credential_status as string) as { id: string }[],
    );
    expect(entries.length).toBe(2 * (600 + corrections));
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    // The allocated counts of the lists cover every entry handed out.
    const allocated = await count(`SELECT COALESCE(SUM(allocated_count), 0) AS n FROM status_lists`);
    expect(allocated).toBeGreaterThanOrEqual(entries.length);

    // A deadlock or another failed commit rolls back a whole batch, which waits for its leases to expire.
    const lost = services.slice(1).map((service) => service.logs.filter((line) => line.includes('lease taken over')).length);
    const batchFailures = services.slice(1).flatMap((service) => service.logs.filter((line) => line.includes('signing batch failed')));
    console.log(`lost leases per signer: ${lost.join(', ')}`);
    expect(batchFailures.map((line) => (JSON.parse(line) as { err?: { message?: string } }).err?.message)).toEqual([]);
  });

  it('commits batches of crossed doses', async () => {
    const second = uniqueSchema();
    const { WEBHOOK_URL: _webhook, ...withoutWebhook } = env;
    const secondEnv = { ...withoutWebhook, PG_SCHEMA: second };
    const facilityKey = createApiKey(secondEnv, 'facility');
    const api = await startService({ ...secondEnv, SERVICE_MODE: 'api' });
    services.push(api);
    try {
      // 256 doses in ascending order, then a second request for each in descending order.
      const samples = sampleRequests();
      const originals: Body[] = Array.from({ length: 256 }, (_unused, index) => {
        const request = structuredClone(samples[index]!) as Body;
        request.preEnrollmentCode = `R${String(index).padStart(7, '0')}`;
        return request;
      });
      const repeats = originals
        .map((request, index) => ({ ...structuredClone(request), vaccination: { ...request.vaccination, batch: `REV${index}` } }))
        .reverse();
      for (const body of [originals.slice(0, 128), originals.slice(128), repeats.slice(0, 128), repeats.slice(128)]) {
        // Separate calls, so the repeats are created after the originals and claimed after them.
        expect((await call(`${api.url}/v1/certify`, { method: 'POST', apiKey: facilityKey, body })).status).toBe(202);
      }
      // Default lease; each signer claims half of the queue.
      const signerEnv = { ...secondEnv, SERVICE_MODE: 'signer', CLAIM_BATCH: '256' };
      const signers = await Promise.all([
        startService(signerEnv, { waitForLine: 'signer started' }),
        startService(signerEnv, { waitForLine: 'signer started' }),
      ]);
      services.push(...signers);
      const client = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${second}` });
      await client.connect();
      const pending = async () => Number((await client.query(`SELECT COUNT(*) AS n FROM requests WHERE state = 'pending'`)).rows[0].n);
      try {
        const drained = await waitFor(async () => (await pending()) === 0, 25_000, 'the queue to drain within a lease').then(
          () => undefined,
          (error: Error) => error,
        );
        const failures = signers.flatMap((signer) => signer.logs.filter((line) => line.includes('signing batch failed')))
          .map((line) => (JSON.parse(line) as { err?: { message?: string } }).err?.message);
        expect(failures).toEqual([]);
        expect(drained).toBeUndefined();
        expect(Number((await client.query(`SELECT COUNT(*) AS n FROM certificates WHERE current = 1`)).rows[0].n)).toBe(256);
      } finally {
        await client.end();
      }
    } finally {
      for (const running of services.splice(services.length - 3)) await running.kill();
      await dropSchema(second);
    }
  });
});
