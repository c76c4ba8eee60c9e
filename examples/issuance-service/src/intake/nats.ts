import { randomUUID } from 'node:crypto';

import { AckPolicy, DeliverPolicy, JSONCodec, RetentionPolicy, connect, type JetStreamClient, type JsMsg, type NatsConnection } from 'nats';
import type { Logger } from 'pino';

import type { ServiceConfig } from '../config.js';
import { processBatch, type ClaimOutcome, type SignerContext } from '../signing/process.js';
import { logOutcome } from '../signing/signer.js';
import type { NewRequest } from '../storage/repository.js';

/** Subjects and stream names derived from the configured prefix. */
export function natsNames(prefix: string) {
  const stream = `${prefix.replace(/[^A-Za-z0-9_-]/g, '_')}_issuance`;
  return {
    stream,
    consumer: `${stream}_signers`,
    certify: `${prefix}.certify`,
    certified: `${prefix}.certified`,
    failed: `${prefix}.failed`,
  };
}

const codec = JSONCodec<{ trackingId: string; certificateId?: string; duplicate?: boolean; reason?: string }>();

/** JetStream intake: API processes publish accepted requests, signer processes consume them. */
export interface NatsIntake {
  /** Publishes the tracking IDs of stored requests to `<prefix>.certify`. */
  publish(requests: readonly NewRequest[]): Promise<void>;
  /** Starts consuming `<prefix>.certify`; returns a function that stops it. */
  consume(context: SignerContext): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

async function ensureStream(connection: NatsConnection, names: ReturnType<typeof natsNames>, ackWaitMs: number) {
  const manager = await connection.jetstreamManager();
  const subjects = [names.certify, names.certified, names.failed];
  try {
    await manager.streams.info(names.stream);
  } catch {
    await manager.streams.add({ name: names.stream, subjects, retention: RetentionPolicy.Limits }).catch(async (error: unknown) => {
      // Another process created it in the meantime.
      await manager.streams.info(names.stream).catch(() => {
        throw error;
      });
    });
  }
  try {
    await manager.consumers.info(names.stream, names.consumer);
  } catch {
    await manager.consumers
      .add(names.stream, {
        durable_name: names.consumer,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: names.certify,
        // Nanoseconds. An existing consumer keeps the value it was created with.
        ack_wait: ackWaitMs * 1_000_000,
        max_ack_pending: 10_000,
      })
      .catch(async (error: unknown) => {
        await manager.consumers.info(names.stream, names.consumer).catch(() => {
          throw error;
        });
      });
  }
}

/** Connects to NATS and creates the stream and the durable signer consumer when missing. */
export async function connectIntake(config: ServiceConfig, logger: Logger): Promise<NatsIntake> {
  const names = natsNames(config.natsPrefix);
  const connection = await connect({ servers: config.natsUrl, name: `vaxcert-issuance-${process.pid}` });
  await ensureStream(connection, names, config.natsAckWaitMs);
  const jetstream: JetStreamClient = connection.jetstream();
  logger.info({ stream: names.stream, natsUrl: config.natsUrl }, 'connected to NATS JetStream');

  return {
    async publish(requests) {
      // The requests are committed already. A message that fails to publish is logged, and the
      // signers' database sweep picks its request up once it is older than a minute.
      const published = await Promise.allSettled(
        // The message ID lets JetStream drop a second publish of the same request.
        requests.map((request) => jetstream.publish(names.certify, codec.encode({ trackingId: request.trackingId }), { msgID: request.trackingId })),
      );
      const failed = requests.filter((_request, index) => published[index]!.status === 'rejected');
      if (failed.length > 0) {
        const firstError = published.find((result) => result.status === 'rejected')!.reason as Error;
        const trackingIds = failed.map((request) => request.trackingId);
        logger.error({ err: firstError, failed: failed.length, trackingIds }, 'publishing certify messages failed; the database sweep will sign the requests');
      }
    },

    async consume(context) {
      const consumer = await jetstream.consumers.get(names.stream, names.consumer);
      const messages = await consumer.consume({ max_messages: context.config.claimBatch * 2 });
      const owner = `${process.pid}-${randomUUID()}`;
      const inFlight = new Set<Promise<void>>();
      let batch: JsMsg[] = [];
      let flushTimer: NodeJS.Timeout | undefined;

      const publishOutcome = async (outcome: ClaimOutcome) => {
        const { trackingId } = outcome;
        if (outcome.kind === 'issued') {
          const body = codec.encode({ trackingId, certificateId: outcome.certificateId, duplicate: outcome.duplicate });
          await jetstream.publish(names.certified, body, { msgID: `certified:${trackingId}` });
        } else if (outcome.kind === 'rejected') {
          await jetstream.publish(names.failed, codec.encode({ trackingId, reason: outcome.reason }), { msgID: `failed:${trackingId}` });
        }
      };

      /**
       * Settles a message whose request this signer could not lease. A finished request's
       * outcome is published again, because the first publish may have failed after the commit;
       * JetStream drops the copy when the first one arrived within its duplicate window.
       */
      const settleUnclaimed = async (message: JsMsg, trackingId: string) => {
        const stored = await context.repository.getRequest(trackingId);
        if (stored?.state === 'issued') {
          await publishOutcome({ kind: 'issued', trackingId, certificateId: stored.certificateId ?? '', duplicate: stored.duplicate });
        } else if (stored?.state === 'rejected') {
          await publishOutcome({ kind: 'rejected', trackingId, reason: stored.reason ?? '' });
        }
        // Pending means another signer holds the lease or a retry is scheduled, so look again
        // later. Finished and unknown requests leave nothing to do.
        if (stored?.state === 'pending') message.nak(5_000);
        else message.ack();
      };

      const handleBatch = async (received: JsMsg[]) => {
        const byId = new Map<string, JsMsg[]>();
        for (const message of received) {
          const { trackingId } = codec.decode(message.data);
          byId.set(trackingId, [...(byId.get(trackingId) ?? []), message]);
        }
        try {
          const claims = await context.repository.claimByIds([...byId.keys()], { leaseMs: context.config.leaseMs, owner, now: Date.now() });
          const claimed = new Set(claims.map((claim) => claim.trackingId));
          for (const [trackingId, group] of byId) {
            if (!claimed.has(trackingId)) for (const message of group) await settleUnclaimed(message, trackingId);
          }

          const outcomes = await processBatch(context, claims);
          await Promise.all(
            outcomes.map(async (outcome) => {
              logOutcome(context, outcome);
              await publishOutcome(outcome);
              // Acknowledge only after the outcome is committed; a retry goes back to the stream.
              for (const message of byId.get(outcome.trackingId) ?? []) {
                if (outcome.kind === 'retry') message.nak(5_000);
                else message.ack();
              }
            }),
          );
        } catch (error) {
          context.logger.error({ err: error as Error, trackingIds: [...byId.keys()] }, 'processing certify messages failed; they will be redelivered');
          for (const message of received) message.nak(5_000);
        }
      };

      const flush = () => {
        clearTimeout(flushTimer);
        flushTimer = undefined;
        if (batch.length === 0) return;
        const task = handleBatch(batch).finally(() => inFlight.delete(task));
        inFlight.add(task);
        batch = [];
      };

      const loop = (async () => {
        for await (const message of messages) {
          batch.push(message);
          if (batch.length >= context.config.claimBatch) flush();
          // Messages that arrive close together are signed as one batch.
          else flushTimer ??= setTimeout(flush, 10);
          // One batch signs while the next one is gathered and claimed.
          while (inFlight.size >= 2) await Promise.race(inFlight);
        }
        flush();
      })();

      return async () => {
        await messages.close();
        await loop;
        await Promise.allSettled([...inFlight]);
      };
    },

    async close() {
      await connection.drain();
    },
  };
}
