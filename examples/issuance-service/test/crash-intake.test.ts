/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access -- the tests build and read untyped JSON documents field by field. */
// Kills the service with SIGKILL while many certify calls are in flight, and again while it signs.
// Every call that returned 202 must be committed, and no call that returned an error may have
// stored anything. Signing must end with one current certificate per dose, one webhook call per
// request and one `issued` event per certificate. Runs on SQLite and PostgreSQL.
import { createServer, type Server } from 'node:http';

import { afterAll, describe, expect, it } from 'vitest';

import {
  call,
  createApiKey,
  sampleRequests,
  startService,
  waitFor,
  type RunningService,
} from './helpers.js';
import { postgresStore, sqliteStore, type TestStore } from './stores.js';

type Body = Record<string, any>;

/** 60 calls of 40 requests; every tenth request repeats the dose of the one before with another batch number. */
function calls(): Body[][] {
  const samples = sampleRequests();
  const bodies: Body[][] = [];
  let serial = 0;
  for (let callIndex = 0; callIndex < 60; callIndex += 1) {
    const body: Body[] = [];
    for (let item = 0; item < 40; item += 1) {
      const request = structuredClone(samples[serial % samples.length]!) as Body;
      if (serial % 10 === 9) {
        // Same beneficiary and dose as the previous request, different content: a second request for one dose.
        request.preEnrollmentCode = `K${String(serial - 1).padStart(7, '0')}`;
        request.vaccination.batch = `DUP${serial}`;
      } else {
        request.preEnrollmentCode = `K${String(serial).padStart(7, '0')}`;
      }
      body.push(request);
      serial += 1;
    }
    bodies.push(body);
  }
  return bodies;
}

async function count(store: TestStore, sql: string): Promise<number> {
  const [row] = await store.query(sql);
  return Number(row!.n);
}

describe.each([['sqlite', sqliteStore], ['postgres', postgresStore]] as const)('SIGKILL during intake on %s', (_name, makeStore) => {
  const store = makeStore();
  const services: RunningService[] = [];
  let receiver: Server;
  afterAll(async () => {
    for (const running of services) await running.kill();
    receiver?.close();
    await store.cleanup();
  });

  it('keeps accepted calls and issues once', async () => {
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    const port = (receiver.address() as { port: number }).port;
    const env = { ...store.env(), WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, WEBHOOK_BASE_DELAY_MS: '50', LEASE_MS: '5000' };

    const apiKey = createApiKey(env, 'facility');
    const first = await startService(env);
    services.push(first);

    const bodies = calls();
    const answers: ({ status: number; body: any } | Error | undefined)[] = bodies.map(() => undefined);
    let accepted = 0;
    // Sixteen callers at a time, so calls are queued, grouped and in flight when the kill comes.
    let next = 0;
    const caller = async () => {
      while (next < bodies.length) {
        const index = next;
        next += 1;
        try {
          answers[index] = await call(`${first.url}/v1/certify`, { method: 'POST', apiKey, body: bodies[index] });
          if ((answers[index] as { status: number }).status === 202) accepted += 1;
          // Kill at once, not at the next poll, so that calls are still queued and in flight.
          if (accepted === 15) first.child.kill('SIGKILL');
        } catch (error) {
          answers[index] = error as Error;
        }
      }
    };
    const callers = Array.from({ length: 16 }, () => caller());
    await Promise.all(callers);
    await first.kill();

    const stored = new Set((await store.query(`SELECT tracking_id FROM requests`)).map((row) => row.tracking_id as string));
    const storedCodes = new Set((await store.query(`SELECT payload FROM requests`)).map((row) => `${JSON.parse(row.payload as string).preEnrollmentCode}/${JSON.parse(row.payload as string).vaccination.batch}`));
    let answered202 = 0;
    let answeredError = 0;
    answers.forEach((answer, index) => {
      if (answer === undefined || answer instanceof Error) return;
      if (answer.status === 202) {
        answered202 += 1;
        for (const item of answer.body.requests as { trackingId: string }[]) expect(stored.has(item.trackingId), `call ${index}`).toBe(true);
      } else {
        answeredError += 1;
        for (const request of bodies[index]!) expect(storedCodes.has(`${request.preEnrollmentCode}/${request.vaccination.batch}`), `call ${index} returned ${answer.status}`).toBe(false);
      }
    });
    const cut = answers.filter((answer) => answer instanceof Error).length;
    const certificatesAtKill = await count(store, `SELECT COUNT(*) AS n FROM certificates`);
    console.log(`calls: ${answered202} returned 202, ${answeredError} returned an error, ${cut} cut off; ${stored.size} requests and ${certificatesAtKill} certificates stored at the kill`);
    expect(answered202).toBeGreaterThanOrEqual(10);
    expect(answeredError).toBe(0);

    // A second SIGKILL while the restarted service signs.
    const second = await startService(env);
    services.push(second);
    await waitFor(async () => (await count(store, `SELECT COUNT(*) AS n FROM certificates`)) >= 150, 60_000, '150 certificates');
    await second.kill();
    const third = await startService(env);
    services.push(third);
    await waitFor(async () => (await count(store, `SELECT COUNT(*) AS n FROM requests WHERE state = 'pending'`)) === 0, 150_000, 'the queue to drain');

    const requests = await count(store, `SELECT COUNT(*) AS n FROM requests`);
    expect(await count(store, `SELECT COUNT(*) AS n FROM requests WHERE state = 'issued'`)).toBe(requests);
    const doses = await count(store, `SELECT COUNT(*) AS n FROM (SELECT DISTINCT programme, beneficiary_id, dose FROM requests) d`);
    expect(await count(store, `SELECT COUNT(*) AS n FROM certificates WHERE current = 1`)).toBe(doses);
    expect(await count(store, `SELECT COUNT(*) AS n FROM certificates`)).toBe(doses);
    // Every request points at the current certificate of its dose.
    expect(
      await count(store, `SELECT COUNT(*) AS n FROM requests r WHERE NOT EXISTS (SELECT 1 FROM certificates c WHERE c.certificate_id = r.certificate_id
        AND c.current = 1 AND c.programme = r.programme AND c.beneficiary_id = r.beneficiary_id AND c.dose = r.dose)`),
    ).toBe(0);
    expect(await count(store, `SELECT COUNT(*) AS n FROM requests WHERE duplicate = 0`)).toBe(doses);
    // One webhook call per request, and one issued event per certificate.
    expect(await count(store, `SELECT COUNT(*) AS n FROM webhook_deliveries`)).toBe(requests);
    expect(await count(store, `SELECT COUNT(DISTINCT tracking_id) AS n FROM webhook_deliveries`)).toBe(requests);
    expect(await count(store, `SELECT COUNT(*) AS n FROM events WHERE event = 'issued'`)).toBe(doses);
    const duplicateBodies = (await store.query(`SELECT body FROM webhook_deliveries`)).filter((row) => JSON.parse(row.body as string).duplicate === true);
    expect(duplicateBodies.length).toBe(requests - doses);
  });
});
