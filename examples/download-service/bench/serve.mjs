// Serves the fixture beneficiaries for the download benchmark on 127.0.0.1 with N workers.
//   node --import tsx bench/serve.mjs PORT WORKERS
// The token secret is fixed so the benchmark can mint a bearer token without the OTP flow.
import cluster from 'node:cluster';

import { buildApp } from '../src/http/app.ts';
import { MemoryOtpSender } from '../src/otp/sender.ts';
import { CertificateRepository } from '../src/storage/repository.ts';
import { storeIssued } from '../src/storage/seed.ts';
import { loadFixtures } from '../test/fixtures/load.ts';

const BENCH_TOKEN_SECRET = Buffer.alloc(32, 11);

const port = Number(process.argv[2] ?? 8099);
const workers = Number(process.argv[3] ?? 2);

if (cluster.isPrimary && workers > 1) {
  let ready = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('message', (message) => {
      if (message === 'ready' && ++ready === workers) process.stdout.write('ready\n');
    });
  }
} else {
  const repository = new CertificateRepository(':memory:');
  for (const beneficiary of loadFixtures()) {
    for (const dose of beneficiary.doses) {
      storeIssued(repository, beneficiary.mobile, { ...dose, certificateId: dose.credential.id });
    }
  }
  const app = buildApp({
    repository,
    otpSender: new MemoryOtpSender(),
    tokenSecret: BENCH_TOKEN_SECRET,
    pullSecret: Buffer.alloc(32, 12),
    logger: false,
  });
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
  await app.listen({ port, host: '127.0.0.1' });
  if (process.send) process.send('ready');
  else process.stdout.write('ready\n');
}
