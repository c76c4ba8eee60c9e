/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- the tests build and read untyped JSON documents field by field. */
// Attacks on the group-committed intake (`SqlRepository.enqueue`): overlapping idempotency keys
// inside one call and across simultaneous calls, calls at the size limit, and a call that the
// database rejects while it shares a group with valid calls. Each case runs on SQLite and PostgreSQL.

import { afterAll, describe, expect, it } from 'vitest';

import {
  call,
  createApiKey,
  sampleRequests,
  startService,
  type RunningService,
} from './helpers.js';
import { postgresStore, sqliteStore, type TestStore } from './stores.js';

type Body = Record<string, any>;

/** `count` valid requests with distinct pre-enrolment codes, built from the samples. */
function distinctRequests(count: number, tag: string): Body[] {
  const samples = sampleRequests();
  return Array.from({ length: count }, (_unused, index) => {
    const request = structuredClone(samples[index % samples.length]!) as Body;
    request.preEnrollmentCode = `${tag}${String(index).padStart(6, '0')}`;
    return request;
  });
}

/** Shuffles a copy of `items` with a seeded generator, so a failing run can be repeated. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = items.slice();
  let state = seed;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/** Returns the messages of the error log lines that a service printed, for assertion messages. */
function errorLogs(service: RunningService): string {
  return service.logs
    .filter((line) => line.includes('"level":50'))
    .map((line) => {
      const parsed = JSON.parse(line) as { msg?: string; err?: { message?: string } };
      return `${parsed.msg ?? ''}: ${parsed.err?.message ?? ''}`;
    })
    .join('\n');
}

async function storedRequests(store: TestStore): Promise<Map<string, string>> {
  const rows = await store.query(`SELECT tracking_id, beneficiary_id FROM requests`);
  return new Map(rows.map((row) => [row.tracking_id as string, row.beneficiary_id as string]));
}

describe.each([['sqlite', sqliteStore], ['postgres', postgresStore]] as const)('group-committed intake on %s', (_name, makeStore) => {
  const store = makeStore();
  const services: RunningService[] = [];
  let service: RunningService;
  let apiKey: string;

  const start = async () => {
    // API only: no signer competes for the database while the intake is attacked.
    service = await startService({ ...store.env(), SERVICE_MODE: 'api' });
    services.push(service);
    apiKey = createApiKey(store.env(), 'facility');
  };
  afterAll(async () => {
    for (const running of services) await running.kill();
    await store.cleanup();
  });

  it('accepts same requests in opposite orders', async () => {
    await start();
    const requests = distinctRequests(640, 'OPP');
    const [forward, backward] = await Promise.all([
      call(`${service.url}/v1/certify`, { method: 'POST', apiKey, body: requests }),
      call(`${service.url}/v1/certify`, { method: 'POST', apiKey, body: requests.slice().reverse() }),
    ]);
    expect([forward.status, backward.status], errorLogs(service)).toEqual([202, 202]);

    const forwardIds = (forward.body.requests as { trackingId: string }[]).map((item) => item.trackingId);
    const backwardIds = (backward.body.requests as { trackingId: string }[]).map((item) => item.trackingId).reverse();
    expect(backwardIds).toEqual(forwardIds);
    // Each request was created by exactly one of the two calls.
    const created = [...forward.body.requests, ...backward.body.requests].filter((item: { duplicate: boolean }) => !item.duplicate);
    expect(created).toHaveLength(640);
    expect((await storedRequests(store)).size).toBe(640);
  });

  it('stores each repeated key once', async () => {
    const base = distinctRequests(300, 'DUP');
    // Eight calls of 400 items: a shuffled selection of the base requests, each call with repeats inside it.
    const bodies = Array.from({ length: 8 }, (_unused, callIndex) => {
      const picked = shuffled(base, callIndex + 1).slice(0, 250);
      return shuffled([...picked, ...picked.slice(0, 150)], 100 + callIndex);
    });
    const before = (await storedRequests(store)).size;
    const answers = await Promise.all(bodies.map((body) => call(`${service.url}/v1/certify`, { method: 'POST', apiKey, body })));
    expect(answers.map((answer) => answer.status), errorLogs(service)).toEqual(Array(8).fill(202));

    const idOfCode = new Map<string, Set<string>>();
    const createdOfCode = new Map<string, number>();
    answers.forEach((answer, callIndex) => {
      (answer.body.requests as { trackingId: string; duplicate: boolean }[]).forEach((item, index) => {
        const code = bodies[callIndex]![index]!.preEnrollmentCode as string;
        idOfCode.set(code, (idOfCode.get(code) ?? new Set()).add(item.trackingId));
        if (!item.duplicate) createdOfCode.set(code, (createdOfCode.get(code) ?? 0) + 1);
      });
    });
    for (const [code, ids] of idOfCode) expect(ids.size, `tracking IDs of ${code}`).toBe(1);
    for (const code of idOfCode.keys()) expect(createdOfCode.get(code), `created answers of ${code}`).toBe(1);

    const stored = await storedRequests(store);
    expect(stored.size - before).toBe(idOfCode.size);
    for (const [code, ids] of idOfCode) expect(stored.get([...ids][0]!), code).toBe(code);
  });

  it('accepts calls at the size limit', async () => {
    const before = (await storedRequests(store)).size;
    const bodies = [0, 1, 2].map((index) => distinctRequests(1_000, `BIG${index}`));
    const answers = await Promise.all(bodies.map((body) => call(`${service.url}/v1/certify`, { method: 'POST', apiKey, body })));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    expect((await storedRequests(store)).size - before).toBe(3_000);

    const over = await call(`${service.url}/v1/certify`, { method: 'POST', apiKey, body: distinctRequests(1_001, 'OVER') });
    expect(over.status).toBe(400);
    expect((await storedRequests(store)).size - before).toBe(3_000);
  });

  it('isolates an invalid call from others', async () => {
    const before = await storedRequests(store);
    const valid = distinctRequests(20, 'MIXV');
    const invalid = structuredClone(valid[5]!);
    invalid.vaccination.name = '';
    const mixed = await call(`${service.url}/v1/certify`, { method: 'POST', apiKey, body: [...valid.slice(0, 10), invalid] });
    expect(mixed.status).toBe(400);
    expect((await storedRequests(store)).size).toBe(before.size);

    // A request that passes validation but that PostgreSQL rejects: a programme with a NUL character.
    const rejected = distinctRequests(5, 'NUL');
    rejected[2]!.programId = 'C19\u0000';
    const others = Array.from({ length: 6 }, (_unused, index) => distinctRequests(50, `OK${index}`));
    const answers = await Promise.all([
      call(`${service.url}/v1/certify`, { method: 'POST', apiKey, body: rejected }),
      ...others.map((body) => call(`${service.url}/v1/certify`, { method: 'POST', apiKey, body })),
    ]);
    expect(answers.slice(1).map((answer) => answer.status)).toEqual(Array(6).fill(202));
    const stored = await storedRequests(store);
    const storedCodes = new Set(stored.values());
    for (const body of others) for (const request of body) expect(storedCodes.has(request.preEnrollmentCode as string)).toBe(true);
    if (answers[0].status !== 202) {
      // The rejected call must store none of its requests and return a client error.
      for (const request of rejected) expect(storedCodes.has(request.preEnrollmentCode as string)).toBe(false);
      expect(answers[0].status, errorLogs(service)).toBe(400);
    }
  });
});
