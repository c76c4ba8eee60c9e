/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- response bodies are untyped JSON that the tests check field by field. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, createApiKey, sampleRequests, startService, tempDataDir, waitFor, type RunningService } from './helpers.js';

/** A webhook receiver on 127.0.0.1 that responds with `failStatus` to the first `failures` calls. */
class Receiver {
  readonly calls: { at: number; body: { trackingId: string; status: string; certificateId?: string } }[] = [];
  failures = 0;
  failStatus = 500;
  readonly #server: Server;

  constructor() {
    this.#server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => {
        this.calls.push({ at: Date.now(), body: JSON.parse(text) });
        const failing = this.failures > 0;
        if (failing) this.failures -= 1;
        response.writeHead(failing ? this.failStatus : 204).end();
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hooks/certify`;
  }

  callsFor(trackingId: string) {
    return this.calls.filter((item) => item.body.trackingId === trackingId);
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

describe('webhook delivery', () => {
  const dataDir = tempDataDir();
  const baseDelayMs = 300;
  const maxAttempts = 4;
  const receiver = new Receiver();
  let service: RunningService;
  let apiKey: string;
  const requests = sampleRequests();

  const delivery = (trackingId: string) => {
    const db = new Database(join(dataDir, 'issuance.sqlite'), { readonly: true });
    try {
      return db.prepare(`SELECT state, attempts, last_error FROM webhook_deliveries WHERE tracking_id = ?`).all(trackingId) as {
        state: string;
        attempts: number;
        last_error: string | null;
      }[];
    } finally {
      db.close();
    }
  };

  const certify = async (request: unknown) => {
    const response = await call(`${service.url}/v1/certify`, { method: 'POST', apiKey, body: [request] });
    expect(response.status).toBe(202);
    return response.body.requests[0].trackingId as string;
  };

  beforeAll(async () => {
    const env = {
      DATA_DIR: dataDir,
      WEBHOOK_URL: await receiver.listen(),
      WEBHOOK_BASE_DELAY_MS: String(baseDelayMs),
      WEBHOOK_MAX_ATTEMPTS: String(maxAttempts),
      WEBHOOK_TIMEOUT_MS: '2000',
    };
    apiKey = createApiKey(env, 'facility');
    service = await startService(env);
  });
  afterAll(async () => {
    await service.stop();
    await receiver.close();
  });

  it('retries with backoff until delivered', async () => {
    receiver.failures = 2;
    const trackingId = await certify(requests[30]);
    await waitFor(async () => delivery(trackingId)[0]?.state === 'delivered', 20_000, 'the webhook to be delivered');

    const calls = receiver.callsFor(trackingId);
    expect(calls).toHaveLength(3);
    // Each retry waits at least base × 2^(failures − 1) after the previous attempt.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(baseDelayMs - 20);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(2 * baseDelayMs - 20);
    const status = await call(`${service.url}/v1/certify/${trackingId}`, { apiKey });
    expect(calls[2]!.body).toEqual({ trackingId, status: 'issued', certificateId: status.body.certificateId, duplicate: false });

    const [row] = delivery(trackingId);
    expect(row!.attempts).toBe(3);
    // A delivered call keeps no error.
    expect(row!.last_error).toBeNull();
    expect(service.logs.filter((line) => line.includes('"msg":"webhook failed, will retry"') && line.includes(trackingId))).toHaveLength(2);
  });

  it('records a failure after the maximum attempts', async () => {
    receiver.failures = Number.MAX_SAFE_INTEGER;
    receiver.failStatus = 503;
    const trackingId = await certify(requests[31]);
    await waitFor(async () => delivery(trackingId)[0]?.state === 'failed', 20_000, 'the webhook to be marked failed');

    const [row] = delivery(trackingId);
    expect(row!.attempts).toBe(maxAttempts);
    expect(row!.last_error).toBe('HTTP 503');
    // No attempt follows the last one: wait as long as one more retry would have, plus a poll.
    await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (maxAttempts - 1) + 500));
    expect(receiver.callsFor(trackingId)).toHaveLength(maxAttempts);
    expect(service.logs.some((line) => line.includes('"msg":"webhook failed for good"') && line.includes(trackingId))).toBe(true);
  });
});
