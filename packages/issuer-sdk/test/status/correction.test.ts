import { describe, expect, it } from 'vitest';

import { correctCertificate } from '../../src/correction/correct.js';
import { createMemoryCorrectionStore } from '../../src/correction/store.js';
import { issue } from '../../src/issue/issue.js';
import { certificateRecordOf, createMemoryCertificateRegistry } from '../../src/status/registry.js';
import { NOW, sampleRequests, setUpIssuer } from './fixtures.js';

async function setUpCorrection() {
  const issuer = await setUpIssuer();
  const [request] = sampleRequests(1);
  const credentialStatus = await issuer.manager.allocate();
  const { credential } = await issue({ request, key: issuer.key, now: NOW, credentialStatus });
  const corrections = createMemoryCorrectionStore();
  const fixed = { ...request!, recipient: { ...request!.recipient, name: 'Abdul Rahman Reddy' } };
  const correct = (current: typeof credential, limit?: number) =>
    correctCertificate({
      current,
      request: fixed,
      key: issuer.key,
      statusManager: issuer.manager,
      corrections,
      now: NOW,
      ...(limit === undefined ? {} : { limit }),
    });
  return { ...issuer, request: request!, credential, credentialStatus, corrections, correct };
}

describe('correctCertificate', () => {
  it('issues a new certificate naming the previous one', async () => {
    const { credential, correct, manager } = await setUpCorrection();
    const corrected = await correct(credential);

    expect(corrected.certificateId).not.toBe(credential.id);
    expect(corrected.credential.evidence[0].previousCertificateId).toBe(credential.id);
    expect((await manager.getStatus(certificateRecordOf(credential))).revoked).toBe(true);
    expect((await manager.getStatus(certificateRecordOf(corrected.credential))).revoked).toBe(false);
  });

  it('enforces the default limit of one per dose', async () => {
    const { credential, correct } = await setUpCorrection();
    const first = await correct(credential);
    const rejection = correct(first.credential);

    await expect(rejection).rejects.toMatchObject({ code: 'ERR_CORRECTION_LIMIT' });
    await expect(correct(first.credential)).rejects.toThrow(/already had 1 correction, the maximum allowed/);
  });

  it('allows a configured higher limit', async () => {
    const { credential, correct } = await setUpCorrection();
    const first = await correct(credential, 2);
    const second = await correct(first.credential, 2);

    expect(second.credential.evidence[0].previousCertificateId).toBe(first.certificateId);
    await expect(correct(second.credential, 2)).rejects.toMatchObject({ code: 'ERR_CORRECTION_LIMIT' });
  });

  it('rejects correcting a revoked certificate', async () => {
    const { credential, credentialStatus, correct, manager } = await setUpCorrection();
    await manager.revoke({ credentialStatus });

    await expect(correct(credential)).rejects.toMatchObject({ code: 'ERR_STATUS_TRANSITION' });
  });

  it('rejects a request for another dose', async () => {
    const { credential, request, key, manager, corrections } = await setUpCorrection();
    const otherDose = { ...request, vaccination: { ...request.vaccination, dose: request.vaccination.dose + 1 } };
    const rejection = correctCertificate({ current: credential, request: otherDose, key, statusManager: manager, corrections });

    await expect(rejection).rejects.toThrow(TypeError);
  });

  it('does not modify the request', async () => {
    const { credential, request, key, manager, corrections } = await setUpCorrection();
    const before = structuredClone(request);
    await correctCertificate({ current: credential, request, key, statusManager: manager, corrections, now: NOW });

    expect(request).toEqual(before);
  });

  it('adds the corrected certificate to a registry', async () => {
    const { credential, request, key, manager, corrections } = await setUpCorrection();
    const registry = createMemoryCertificateRegistry();
    const corrected = await correctCertificate({
      current: credential,
      request,
      key,
      statusManager: manager,
      corrections,
      registry,
      now: NOW,
    });
    const found = await registry.find({ beneficiaryId: request.preEnrollmentCode, dose: request.vaccination.dose });

    expect(found.map((record) => record.certificateId)).toEqual([corrected.certificateId]);
  });
});
