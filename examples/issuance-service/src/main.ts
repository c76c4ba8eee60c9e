// Entry point of the issuance service: `node dist/main.js`. SERVICE_MODE=all (the default) serves the
// API and signs in one process; SERVICE_MODE=api and =signer split them for scale-out.
import { buildApp } from './app.js';
import type { AcceptedHandler } from './routes/intake.js';
import { loadConfig } from './config.js';
import { connectIntake } from './intake/nats.js';
import { createLogger } from './logger.js';
import { openService } from './service.js';
import { createSigningPool } from './signing/pool.js';
import { startSigner } from './signing/signer.js';
import { startWebhookDispatcher } from './webhooks.js';

const config = loadConfig();
const logger = createLogger({ level: config.logLevel });

async function main() {
  const service = await openService(config, logger);
  const { repository } = service;

  const stops: (() => Promise<void>)[] = [];
  const signs = config.mode !== 'api';
  const pool = signs ? createSigningPool({ keyFile: config.keyFile, threads: config.signerThreads, qrFormat: config.qrFormat, profile: config.credentialProfile }) : undefined;
  const nats = config.intake === 'nats' ? await connectIntake(config, logger) : undefined;

  let onAccepted: AcceptedHandler = async () => {};
  if (pool !== undefined) {
    // Stops run in reverse order, so the pool closes after the loops that use it.
    stops.push(() => pool.close());
    const context = { config, repository, pool, statusManager: service.statusManager, logger };
    if (nats !== undefined) {
      stops.push(await nats.consume(context));
      // Requests whose message was never published are picked up after a minute.
      const sweeper = startSigner(context, { pollMs: 5_000, minAgeMs: 60_000 });
      stops.push(() => sweeper.stop());
    } else {
      const signer = startSigner(context);
      onAccepted = async () => signer.notify();
      stops.push(() => signer.stop());
    }
    stops.push(startWebhookDispatcher({ config, repository, logger }));
  }
  if (nats !== undefined) {
    onAccepted = async (requests) => nats.publish(requests);
    stops.push(() => nats.close());
  }

  const app = config.mode === 'signer' ? undefined : await buildApp(service, { onAccepted });
  if (app !== undefined) {
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    logger.info({ port, mode: config.mode, store: config.store, intake: config.intake, threads: pool?.threads ?? 0 }, 'service started');
  } else {
    logger.info({ mode: config.mode, store: config.store, intake: config.intake, threads: pool?.threads ?? 0 }, 'signer started');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'service stopping');
    await app?.close();
    for (const stopPart of stops.slice(0).reverse()) await stopPart();
    await repository.close();
    logger.info('service stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error as Error }, 'service failed to start');
  process.exit(1);
});
