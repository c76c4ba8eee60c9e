import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { processClaim, type ClaimOutcome, type SignerContext } from './process.js';

/** A background loop that claims pending requests from the database and signs them. */
export interface Signer {
  /** Wakes the loop at once, for example after requests were stored. */
  notify(): void;
  /** Stops claiming, waits for claimed requests to finish, and resolves. */
  stop(): Promise<void>;
}

/** Logs the outcome of one claimed request. */
export function logOutcome(context: SignerContext, outcome: ClaimOutcome): void {
  const { logger } = context;
  if (outcome.kind === 'issued') {
    logger.info({ trackingId: outcome.trackingId, certificateId: outcome.certificateId, duplicate: outcome.duplicate }, 'certificate issued');
  } else if (outcome.kind === 'rejected') {
    logger.warn({ trackingId: outcome.trackingId }, 'request rejected');
  } else if (outcome.kind === 'lease-lost') {
    logger.warn({ trackingId: outcome.trackingId }, 'lease taken over by another signer; result discarded');
  }
}

/**
 * Starts the loop. Each round leases up to `claimBatch` requests (`createdBefore` limits it to
 * requests older than `minAgeMs`, used beside a message queue) and signs them on the pool.
 */
export function startSigner(context: SignerContext, options: { pollMs?: number; minAgeMs?: number } = {}): Signer {
  const owner = `${process.pid}-${randomUUID()}`;
  const pollMs = options.pollMs ?? 200;
  let running = true;
  let wake: (() => void) | undefined;

  const loop = async () => {
    while (running) {
      let claimed = 0;
      try {
        const now = Date.now();
        const claims = await context.repository.claimPending({
          limit: context.config.claimBatch,
          leaseMs: context.config.leaseMs,
          owner,
          now,
          ...(options.minAgeMs === undefined ? {} : { createdBefore: now - options.minAgeMs }),
        });
        claimed = claims.length;
        const outcomes = await Promise.allSettled(claims.map((claim) => processClaim(context, claim)));
        outcomes.forEach((outcome, index) => {
          if (outcome.status === 'fulfilled') logOutcome(context, outcome.value);
          else context.logger.error({ err: outcome.reason as Error, trackingId: claims[index]!.trackingId }, 'signing round failed; the lease will expire and the request be retried');
        });
      } catch (error) {
        context.logger.error({ err: error as Error }, 'claiming pending requests failed');
      }
      if (claimed === 0 && running) {
        const controller = new AbortController();
        wake = () => controller.abort();
        await sleep(pollMs, undefined, { signal: controller.signal }).catch(() => undefined);
        wake = undefined;
      }
    }
  };
  const finished = loop();

  return {
    notify: () => wake?.(),
    stop: async () => {
      running = false;
      wake?.();
      await finished;
    },
  };
}
