import { describe, expect, it } from 'vitest';

import { issue } from '../../src/issue/issue.js';
import { certificateRecordOf, createMemoryCertificateRegistry, revokeBeneficiaryDoses } from '../../src/status/registry.js';
import { NOW, sampleRequests, setUpIssuer } from './fixtures.js';

async function setUpBeneficiary() {
  const { key, manager } = await setUpIssuer();
  const registry = createMemoryCertificateRegistry();
  const [request] = sampleRequests(1);
  const issued = [];
  for (const dose of [1, 2, 3]) {
    const doseRequest = { ...request!, vaccination: { ...request!.vaccination, dose } };
    const { credential } = await issue({ request: doseRequest, key, now: NOW, credentialStatus: await manager.allocate() });
    await registry.add(certificateRecordOf(credential));
    issued.push(credential);
  }
  return { manager, registry, issued, beneficiaryId: request!.preEnrollmentCode };
}

describe('revokeBeneficiaryDoses', () => {
  it('revokes only the given doses', async () => {
    const { manager, registry, issued, beneficiaryId } = await setUpBeneficiary();
    const revoked = await revokeBeneficiaryDoses({ beneficiaryId, doses: [1, 3], registry, statusManager: manager });
    const states = await Promise.all(issued.map(async (credential) => (await manager.getStatus(certificateRecordOf(credential))).revoked));

    expect(revoked).toEqual([issued[0]!.id, issued[2]!.id]);
    expect(states).toEqual([true, false, true]);
  });

  it('revokes nothing when a dose is unknown', async () => {
    const { manager, registry, issued, beneficiaryId } = await setUpBeneficiary();
    const rejection = revokeBeneficiaryDoses({ beneficiaryId, doses: [1, 4], registry, statusManager: manager });

    await expect(rejection).rejects.toMatchObject({ code: 'ERR_CERTIFICATE_NOT_FOUND' });
    expect((await manager.getStatus(certificateRecordOf(issued[0]!))).revoked).toBe(false);
  });

  it('rejects invalid doses as misuse', async () => {
    const { manager, registry, beneficiaryId } = await setUpBeneficiary();

    await expect(revokeBeneficiaryDoses({ beneficiaryId, doses: [], registry, statusManager: manager })).rejects.toThrow(TypeError);
    await expect(revokeBeneficiaryDoses({ beneficiaryId, doses: [0], registry, statusManager: manager })).rejects.toThrow(TypeError);
  });
});
