import { setTimeout as sleep } from 'node:timers/promises';

import type { Logger } from 'pino';

import type { ServiceConfig } from './config.js';
import type { Repository } from './storage/repository.js';

/** Returns when attempt `attempts + 1` of a webhook call is due: base × 2^attempts after `now`. */
export function nextWebhookAttempt(config: Pick<ServiceConfig, 'webhookBaseDelayMs'>, attempts: number, now: number): number {
  return now + config.webhookBaseDelayMs * 2 ** attempts;
}

async function send(url: string, body: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Starts the loop that sends queued webhook calls. A failed call is retried with exponential
 * backoff; after `webhookMaxAttempts` attempts it is marked failed, with its last error, in
 * the database. Returns a function that stops the loop.
 */
export function startWebhookDispatcher(options: {
  config: ServiceConfig;
  repository: Repository;
  logger: Logger;
  pollMs?: number;
}): () => Promise<void> {
  const { config, repository, logger } = options;
  let running = true;
  const controller = new AbortController();

  const loop = async () => {
    while (running) {
      try {
        const due = await repository.claimDeliveries({ limit: 32, now: Date.now(), leaseMs: config.webhookTimeoutMs * 2 });
        await Promise.all(
          due.map(async (delivery) => {
            const error = await send(delivery.url, delivery.body, config.webhookTimeoutMs);
            const attempts = delivery.attempts + 1;
            const now = Date.now();
            if (error === undefined) {
              await repository.recordDeliveryAttempt(delivery.deliveryId, { delivered: true, retryAt: null }, now);
              logger.info({ deliveryId: delivery.deliveryId, trackingId: delivery.trackingId, attempts }, 'webhook delivered');
              return;
            }
            const retryAt = attempts >= config.webhookMaxAttempts ? null : nextWebhookAttempt(config, attempts - 1, now);
            await repository.recordDeliveryAttempt(delivery.deliveryId, { delivered: false, error, retryAt }, now);
            const fields = { deliveryId: delivery.deliveryId, trackingId: delivery.trackingId, attempts, error };
            if (retryAt === null) logger.error(fields, 'webhook failed for good');
            else logger.warn({ ...fields, retryAt }, 'webhook failed, will retry');
          }),
        );
      } catch (error) {
        logger.error({ err: error as Error }, 'webhook dispatch round failed');
      }
      await sleep(options.pollMs ?? 250, undefined, { signal: controller.signal }).catch(() => undefined);
    }
  };
  const finished = loop();
  return async () => {
    running = false;
    controller.abort();
    await finished;
  };
}
