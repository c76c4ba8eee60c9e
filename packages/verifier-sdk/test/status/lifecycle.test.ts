import { beforeEach, describe, expect, it } from 'vitest';
import { correctCertificate, createMemoryCorrectionStore } from '@vaxcert/issuer-sdk';

import { checkCredentialStatus } from '../../src/status/check-status.js';
import type { StatusSource } from '../../src/status/source.js';
import { HOUR, mapFetcher, NOW, sampleRequest, setUpStatus } from './setup.js';

type Setup = Awaited<ReturnType<typeof setUpStatus>>;

/** Checks a credential against the lists published at `publishedAt`, online or from a snapshot. */
async function statusOf(setup: Setup, credential: unknown, mode: 'online' | 'snapshot', publishedAt = NOW) {
  const lists = await setup.publishAll(publishedAt);
  const source: StatusSource =
    mode === 'online'
      ? { fetch: mapFetcher(() => lists).fetch }
      : { snapshot: { takenAt: publishedAt, credentials: [...lists.values()] } };
  return checkCredentialStatus(credential, {
    source,
    now: new Date(publishedAt.getTime() + HOUR / 2),
    documentLoader: setup.documentLoader,
    isTrustedKey: setup.isTrustedKey,
  });
}

describe.each(['online', 'snapshot'] as const)('certificate status lifecycle (%s)', (mode) => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await setUpStatus();
  });

  it('reports a new certificate as valid', async () => {
    const { credential } = await setup.issueCertificate();
    const result = await statusOf(setup, credential, mode);

    expect(result.outcome).toBe('valid');
    expect(result.checks.map((check) => [check.code, check.passed])).toEqual([
      ['REVOCATION', true],
      ['SUSPENSION', true],
    ]);
  });

  it('reports a revoked certificate as revoked', async () => {
    const { credential, credentialStatus } = await setup.issueCertificate();
    const bystander = await setup.issueCertificate(1);
    expect((await statusOf(setup, credential, mode)).outcome).toBe('valid');
    await setup.manager.revoke({ credentialStatus });
    const result = await statusOf(setup, credential, mode);

    expect(result.outcome).toBe('revoked');
    expect(result.checks[0]).toMatchObject({ code: 'REVOCATION', passed: false });
    expect((await statusOf(setup, bystander.credential, mode)).outcome).toBe('valid');
  });

  it('reports a suspended certificate until reinstated', async () => {
    const { credential, credentialStatus } = await setup.issueCertificate();
    await setup.manager.suspend({ credentialStatus });
    const suspended = await statusOf(setup, credential, mode);
    await setup.manager.reinstate({ credentialStatus });
    const reinstated = await statusOf(setup, credential, mode);

    expect(suspended.outcome).toBe('suspended');
    expect(suspended.checks[1]).toMatchObject({ code: 'SUSPENSION', passed: false });
    expect(reinstated.outcome).toBe('valid');
  });

  it('revokes the old certificate on correction', async () => {
    const current = await setup.issueCertificate();
    const request = sampleRequest(0);
    const corrected = await correctCertificate({
      current: current.credential,
      request: { ...request, recipient: { ...request.recipient, name: 'Abdul Rahman Reddy' } },
      key: setup.key,
      statusManager: setup.manager,
      corrections: createMemoryCorrectionStore(),
      now: NOW,
    });

    expect(corrected.certificateId).not.toBe(current.certificateId);
    expect(corrected.credential.evidence[0].previousCertificateId).toBe(current.certificateId);
    expect(corrected.credential.credentialSubject.name).toBe('Abdul Rahman Reddy');
    expect((await statusOf(setup, current.credential, mode)).outcome).toBe('revoked');
    expect((await statusOf(setup, corrected.credential, mode)).outcome).toBe('valid');
  });
});
