// Starts the download service on 127.0.0.1.
//   DATABASE=data/download-service.db PORT=8080 node --import tsx src/cli/start.ts
// TOKEN_SECRET and PULL_SECRET take hex keys of at least 32 bytes; when unset, random keys are
// generated at start, so tokens and partner signatures do not survive a restart.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

import { buildApp } from '../http/app.js';
import { ConsoleOtpSender } from '../otp/sender.js';
import { CertificateRepository } from '../storage/repository.js';

function secretFrom(name: string): { secret: Buffer; generated: boolean } {
  const hex = process.env[name];
  if (hex === undefined) return { secret: randomBytes(32), generated: true };
  const secret = Buffer.from(hex, 'hex');
  if (secret.length < 32 || secret.toString('hex') !== hex.toLowerCase()) {
    throw new TypeError(`${name} must be at least 64 hexadecimal characters (32 bytes)`);
  }
  return { secret, generated: false };
}

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const repository = new CertificateRepository(resolve(process.env.DATABASE ?? 'data/download-service.db'));
const token = secretFrom('TOKEN_SECRET');
const pull = secretFrom('PULL_SECRET');
const app = buildApp({
  repository,
  otpSender: new ConsoleOtpSender(),
  tokenSecret: token.secret,
  pullSecret: pull.secret,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
});
for (const [name, value] of [['TOKEN_SECRET', token], ['PULL_SECRET', pull]] as const) {
  if (value.generated) app.log.warn(`${name} is not set; using a random key until the service stops`);
}

const stop = async (signal: string) => {
  app.log.info({ signal }, 'stopping');
  await app.close();
  repository.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

await app.listen({ port, host });
