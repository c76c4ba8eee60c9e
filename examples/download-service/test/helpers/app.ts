import type { FastifyInstance } from 'fastify';

import { buildApp } from '../../src/http/app.js';
import { MemoryOtpSender } from '../../src/otp/sender.js';
import { CertificateRepository } from '../../src/storage/repository.js';
import { storeIssued } from '../../src/storage/seed.js';
import { loadFixtures } from '../fixtures/load.js';

/** A service over an in-memory database holding the fixture beneficiaries, with a movable clock. */
export interface TestService {
  app: FastifyInstance;
  sender: MemoryOtpSender;
  repository: CertificateRepository;
  clock: { now: number };
  pullSecret: Buffer;
}

export function createTestService(options: { otpLimitPerMobile?: number; otpLimitPerClient?: number } = {}): TestService {
  const repository = new CertificateRepository(':memory:');
  for (const beneficiary of loadFixtures()) {
    for (const dose of beneficiary.doses) {
      storeIssued(repository, beneficiary.mobile, {
        credential: dose.credential,
        certificateId: dose.credential.id,
        qrPayload: dose.qrPayload,
      });
    }
  }
  const sender = new MemoryOtpSender();
  const clock = { now: Date.parse('2024-01-15T10:00:00.000Z') };
  const pullSecret = Buffer.alloc(32, 9);
  const app = buildApp({
    repository,
    otpSender: sender,
    tokenSecret: Buffer.alloc(32, 5),
    pullSecret,
    logger: false,
    now: () => clock.now,
    ...options,
  });
  return { app, sender, repository, clock, pullSecret };
}

/** Logs a mobile number in through the OTP flow and returns its bearer token. */
export async function loginAs(service: TestService, mobile: string): Promise<string> {
  const requested = await service.app.inject({ method: 'POST', url: '/v1/otp', payload: { mobile } });
  const { transactionId } = requested.json<{ transactionId: string }>();
  const otp = service.sender.sent.get(mobile)!;
  const verified = await service.app.inject({ method: 'POST', url: '/v1/otp/verify', payload: { transactionId, otp } });
  return verified.json<{ token: string }>().token;
}
