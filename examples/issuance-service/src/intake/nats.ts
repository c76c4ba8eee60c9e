import { AckPolicy, DeliverPolicy, JSONCodec, RetentionPolicy, connect, type JetStreamClient, type NatsConnection } from 'nats';
import type { Logger } from 'pino';

import type { ServiceConfig } from '../config.js';
import { processClaim, type SignerContext } from '../signing/process.js';
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

async function ensureStream(connection: NatsConnection, names: ReturnType<typeof natsNames>) {
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
        ack_wait: 60_000_000_000,
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
  await ensureStream(connection, names);
  const jetstream: JetStreamClient = connection.jetstream();
  logger.info({ stream: names.stream, natsUrl: config.natsUrl }, 'connected to NATS JetStream');

  return {
    async publish(requests) {
      for (const request of requests) {
        // The message ID lets JetStream drop a second publish of the same request.
        await jetstream.publish(names.certify, codec.encode({ trackingId: request.trackingId }), { msgID: request.trackingId });
      }
    },

    async consume(context) {
      const consumer = await jetstream.consumers.get(names.stream, names.consumer);
      const messages = await consumer.consume({ max_messages: context.config.claimBatch });
      const owner = `${process.pid}-nats`;
      const inFlight = new Set<Promise<void>>();

      const handle = async (message: (typeof messages extends AsyncIterable<infer M> ? M : never)) => {
        const { trackingId } = codec.decode(message.data);
        try {
          const claim = await context.repository.claimOne(trackingId, { leaseMs: context.config.leaseMs, owner, now: Date.now() });
          if (claim === undefined) {
            const stored = await context.repository.getRequest(trackingId);
            // Finished already (a redelivery), or unknown: nothing is left to do for this message.
            if (stored === undefined || stored.state !== 'pending') message.ack();
            else message.nak(5_000);
            return;
          }
          const outcome = await processClaim(context, claim);
          logOutcome(context, outcome);
          if (outcome.kind === 'issued') {
            await jetstream.publish(names.certified, codec.encode({ trackingId, certificateId: outcome.certificateId, duplicate: outcome.duplicate }), {
              msgID: `certified:${trackingId}`,
            });
          } else if (outcome.kind === 'rejected') {
            await jetstream.publish(names.failed, codec.encode({ trackingId, reason: outcome.reason }), { msgID: `failed:${trackingId}` });
          }
          // Acknowledge only after the outcome is committed; a retry goes back to the stream.
          if (outcome.kind === 'retry') message.nak(5_000);
          else message.ack();
        } catch (error) {
          context.logger.error({ err: error as Error, trackingId }, 'processing a certify message failed; it will be redelivered');
          message.nak(5_000);
        }
      };

      const loop = (async () => {
        for await (const message of messages) {
          const task = handle(message).finally(() => inFlight.delete(task));
          inFlight.add(task);
          // Keep about four requests per signing thread in progress.
          while (inFlight.size >= context.pool.threads * 4) await Promise.race(inFlight);
        }
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
