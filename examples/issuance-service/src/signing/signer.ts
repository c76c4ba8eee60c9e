import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Claim } from '../storage/repository.js';
import { processBatch, type ClaimOutcome, type SignerContext } from './process.js';

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

/** Claimed batches a signer keeps in progress: one signing while the next is claimed or committed. */
const BATCHES_IN_FLIGHT = 2;

/**
 * Starts the loop. Each round leases up to `claimBatch` requests (`createdBefore` limits it to
 * requests older than `minAgeMs`, used beside a message queue) and hands them to
 * {@link processBatch}. Up to two batches are in progress at once, so the worker pool has
 * requests to sign while the main thread claims and commits.
 */
export function startSigner(context: SignerContext, options: { pollMs?: number; minAgeMs?: number } = {}): Signer {
  const owner = `${process.pid}-${randomUUID()}`;
  const pollMs = options.pollMs ?? 200;
  let running = true;
  let wake: (() => void) | undefined;
  const inFlight = new Set<Promise<void>>();

  const runBatch = async (claims: Claim[]) => {
    try {
      const outcomes = await processBatch(context, claims);
      for (const outcome of outcomes) logOutcome(context, outcome);
    } catch (error) {
      const trackingIds = claims.map((claim) => claim.trackingId);
      context.logger.error({ err: error as Error, trackingIds }, 'signing batch failed; the leases will expire and the requests be retried');
    }
  };

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
        if (claimed > 0) {
          const task = runBatch(claims).finally(() => inFlight.delete(task));
          inFlight.add(task);
        }
      } catch (error) {
        context.logger.error({ err: error as Error }, 'claiming pending requests failed');
      }
      if (inFlight.size >= BATCHES_IN_FLIGHT) {
        await Promise.race(inFlight);
      } else if (claimed === 0 && running) {
        const controller = new AbortController();
        wake = () => controller.abort();
        // A finished batch may free requests for the next round, so it also ends the wait.
        await Promise.race([sleep(pollMs, undefined, { signal: controller.signal }).catch(() => undefined), ...inFlight]);
        controller.abort();
        wake = undefined;
      }
    }
    await Promise.allSettled([...inFlight]);
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
