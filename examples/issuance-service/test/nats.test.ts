/* eslint-disable @typescript-eslint/no-unsafe-member-access -- response bodies are untyped JSON that the tests check field by field. */
import { randomUUID } from 'node:crypto';

import { JSONCodec, connect, type NatsConnection } from 'nats';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

import { call, createApiKey, dropSchema, postgresUrl, sampleRequests, startService, tempDataDir, uniqueSchema, waitFor, type RunningService } from './helpers.js';

const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** Settings of one scale-out deployment with its own PostgreSQL schema and JetStream stream. */
function deployment(extra: Record<string, string> = {}) {
  const schema = uniqueSchema();
  // A prefix of its own gives the deployment its own stream, consumer and subjects.
  const prefix = `vaxcert_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const env = {
    DATA_DIR: tempDataDir(),
    STORE: 'postgres',
    DATABASE_URL: postgresUrl,
    PG_SCHEMA: schema,
    INTAKE: 'nats',
    NATS_URL: natsUrl,
    NATS_PREFIX: prefix,
    SIGNER_THREADS: '1',
    ...extra,
  };
  return { schema, prefix, stream: `${prefix}_issuance`, env };
}

describe('NATS JetStream scale-out', () => {
  const services: RunningService[] = [];
  const deployments: ReturnType<typeof deployment>[] = [];
  let nats: NatsConnection | undefined;
  let client: pg.Client | undefined;

  afterAll(async () => {
    for (const service of services) await service.stop();
    await client?.end();
    nats ??= await connect({ servers: natsUrl });
    const manager = await nats.jetstreamManager();
    for (const { stream, schema } of deployments) {
      await manager.streams.delete(stream).catch(() => false);
      await dropSchema(schema);
    }
    await nats.close();
  });

  /** Starts one API process and two signer processes, and posts `count` sample requests. */
  async function start(setup: ReturnType<typeof deployment>, count: number) {
    deployments.push(setup);
    const api = await startService({ ...setup.env, SERVICE_MODE: 'api' });
    services.push(api);
    const signers = [
      await startService({ ...setup.env, SERVICE_MODE: 'signer' }, { waitForLine: 'signer started' }),
      await startService({ ...setup.env, SERVICE_MODE: 'signer' }, { waitForLine: 'signer started' }),
    ];
    services.push(...signers);
    const apiKey = createApiKey(setup.env, 'facility');

    const requests = sampleRequests().slice(0, count);
    const trackingIds: string[] = [];
    for (let offset = 0; offset < requests.length; offset += 40) {
      const response = await call(`${api.url}/v1/certify`, { method: 'POST', apiKey, body: requests.slice(offset, offset + 40) });
      expect(response.status).toBe(202);
      trackingIds.push(...(response.body.requests as { trackingId: string }[]).map((item) => item.trackingId));
    }
    expect(new Set(trackingIds).size).toBe(count);
    return { api, signers, apiKey };
  }

  const count = async (sql: string) => {
    if (client === undefined) {
      client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
    }
    return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
  };

  /** Checks that every request of the schema is issued once, with one certificate per dose. */
  async function expectIssuedOnce(schema: string, total: number) {
    await waitFor(async () => (await count(`SELECT COUNT(*) AS n FROM ${schema}.requests WHERE state = 'pending'`)) === 0, 120_000, 'every request to be signed');
    expect(await count(`SELECT COUNT(*) AS n FROM ${schema}.requests WHERE state = 'issued'`)).toBe(total);
    expect(await count(`SELECT COUNT(*) AS n FROM ${schema}.certificates`)).toBe(total);
    expect(await count(`SELECT COUNT(DISTINCT (programme, beneficiary_id, dose)) AS n FROM ${schema}.certificates`)).toBe(total);
    expect(await count(`SELECT COUNT(DISTINCT certificate_id) AS n FROM ${schema}.requests`)).toBe(total);
    expect(await count(`SELECT COUNT(*) AS n FROM ${schema}.requests WHERE duplicate = 1`)).toBe(0);
  }

  it('signs each request once across two signers', async () => {
    const setup = deployment();
    const { api, signers, apiKey } = await start(setup, 320);
    await expectIssuedOnce(setup.schema, 320);

    // Both signers took part. Each signer logs only the certificates that it committed, after
    // the commit, so the last lines may arrive after the database shows every request issued.
    const issuedLines = () => signers.map((signer) => signer.logs.filter((line) => line.includes('"msg":"certificate issued"')).length);
    await waitFor(async () => issuedLines().reduce((sum, lines) => sum + lines, 0) >= 320, 10_000, 'a log line for every certificate');
    const issuedBy = issuedLines();
    expect(issuedBy[0]).toBeGreaterThan(0);
    expect(issuedBy[1]).toBeGreaterThan(0);
    expect(issuedBy[0]! + issuedBy[1]!).toBe(320);

    // One `certified` message per request, each naming the request's certificate.
    nats = await connect({ servers: natsUrl });
    const manager = await nats.jetstreamManager();
    const info = await manager.streams.info(setup.stream, { subjects_filter: '>' });
    expect(info.state.subjects?.[`${setup.prefix}.certified`]).toBe(320);
    expect(info.state.subjects?.[`${setup.prefix}.failed`]).toBeUndefined();
    const message = await manager.streams.getMessage(setup.stream, { last_by_subj: `${setup.prefix}.certified` });
    const body = JSONCodec<{ trackingId: string; certificateId: string }>().decode(message.data);
    const status = await call(`${api.url}/v1/certify/${body.trackingId}`, { apiKey });
    expect(status.body.certificateId).toBe(body.certificateId);
  });

  it('finishes the work of a killed signer', async () => {
    // Short leases and acknowledgement waits let the other signer take over within seconds.
    const setup = deployment({ LEASE_MS: '3000', NATS_ACK_WAIT_MS: '4000' });
    const { signers } = await start(setup, 600);
    await waitFor(async () => (await count(`SELECT COUNT(*) AS n FROM ${setup.schema}.certificates`)) >= 50, 60_000, '50 certificates');
    await signers[0]!.kill();
    expect(await count(`SELECT COUNT(*) AS n FROM ${setup.schema}.certificates`)).toBeLessThan(600);

    await expectIssuedOnce(setup.schema, 600);
  });
});
