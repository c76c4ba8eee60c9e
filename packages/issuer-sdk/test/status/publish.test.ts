import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import { describe, expect, it } from 'vitest';

import { StatusListManager } from '../../src/status/manager.js';
import { createMemoryStatusListStore } from '../../src/status/store.js';
import { BASE_URL, NOW, setUpIssuer } from './fixtures.js';

describe('StatusListManager.publish', () => {
  it('publishes a signed list with validity and ttl', async () => {
    const { key } = await setUpIssuer();
    const manager = new StatusListManager({
      store: createMemoryStatusListStore(),
      baseUrl: BASE_URL,
      ttlMs: 600_000,
      validityMs: 7_200_000,
    });
    const credentialStatus = await manager.allocate();
    await manager.revoke({ credentialStatus });
    const revocation = credentialStatus[0]!;
    const listId = revocation.statusListCredential.slice(BASE_URL.length + 1);
    const list = await manager.publish({ listId, key, now: NOW });

    expect(list.id).toBe(revocation.statusListCredential);
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.issuer).toBe(key.controller);
    expect(list.validFrom).toBe('2026-06-01T00:00:00Z');
    expect(list.validUntil).toBe('2026-06-01T02:00:00Z');
    expect(list.credentialSubject).toMatchObject({ statusPurpose: 'revocation', ttl: 600_000, type: 'BitstringStatusList' });
    expect(list.proof).toMatchObject({ type: 'Ed25519Signature2020', verificationMethod: key.id });

    const decoded = await BitstringStatusList.decode({ encodedList: list.credentialSubject.encodedList });
    const index = Number(revocation.statusListIndex);
    expect(decoded.length).toBe(131_072);
    expect(decoded.getStatus(index)).toBe(true);
    expect(decoded.getStatus(index === 0 ? 1 : index - 1)).toBe(false);
  });
});
