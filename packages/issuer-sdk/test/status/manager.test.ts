import { describe, expect, it } from 'vitest';

import { StatusListManager } from '../../src/status/manager.js';
import { createMemoryStatusListStore } from '../../src/status/store.js';
import { BASE_URL, setUpIssuer } from './fixtures.js';

describe('StatusListManager', () => {
  it('allocates one revocation and one suspension entry', async () => {
    const { manager } = await setUpIssuer();
    const [revocation, suspension] = await manager.allocate();

    expect(revocation?.statusPurpose).toBe('revocation');
    expect(suspension?.statusPurpose).toBe('suspension');
    expect(revocation?.type).toBe('BitstringStatusListEntry');
    expect(revocation?.statusListCredential.startsWith(`${BASE_URL}/`)).toBe(true);
    expect(revocation?.statusListCredential).not.toBe(suspension?.statusListCredential);
    expect(revocation?.id).toBe(`${revocation?.statusListCredential}#${revocation?.statusListIndex}`);
    expect(revocation?.statusListIndex).toMatch(/^\d+$/);
  });

  it('revokes, suspends and reinstates', async () => {
    const { manager } = await setUpIssuer();
    const credentialStatus = await manager.allocate();
    const other = await manager.allocate();

    await manager.suspend({ credentialStatus });
    expect(await manager.getStatus({ credentialStatus })).toEqual({ revoked: false, suspended: true });
    await manager.reinstate({ credentialStatus });
    expect(await manager.getStatus({ credentialStatus })).toEqual({ revoked: false, suspended: false });
    await manager.revoke({ credentialStatus });
    expect(await manager.getStatus({ credentialStatus })).toEqual({ revoked: true, suspended: false });
    expect(await manager.getStatus({ credentialStatus: other })).toEqual({ revoked: false, suspended: false });
  });

  it('rejects reinstating a revoked certificate', async () => {
    const { manager } = await setUpIssuer();
    const credentialStatus = await manager.allocate();
    await manager.suspend({ credentialStatus });
    await manager.revoke({ credentialStatus });

    const rejection = manager.reinstate({ credentialStatus });
    await expect(rejection).rejects.toMatchObject({ code: 'ERR_STATUS_TRANSITION' });
    await expect(manager.reinstate({ credentialStatus })).rejects.toThrow(/revocation is permanent/);
    await expect(manager.suspend({ credentialStatus })).rejects.toMatchObject({ code: 'ERR_STATUS_TRANSITION' });
    expect(await manager.getStatus({ credentialStatus })).toEqual({ revoked: true, suspended: true });
  });

  it('treats a repeated revocation as done', async () => {
    const { manager } = await setUpIssuer();
    const credentialStatus = await manager.allocate();
    await manager.revoke({ credentialStatus });
    await manager.revoke({ credentialStatus });

    expect((await manager.getStatus({ credentialStatus })).revoked).toBe(true);
  });

  it('rejects entries of another base URL', async () => {
    const { manager } = await setUpIssuer();
    const [revocation, suspension] = await manager.allocate();
    const foreign = { ...revocation!, statusListCredential: 'https://other.example/status-lists/x' };

    await expect(manager.revoke({ credentialStatus: [foreign, suspension!] })).rejects.toMatchObject({
      code: 'ERR_STATUS_LIST_NOT_FOUND',
    });
  });

  it('rejects an index that was never allocated', async () => {
    const { manager } = await setUpIssuer();
    const [revocation, suspension] = await manager.allocate();
    const index = revocation!.statusListIndex === '0' ? '1' : '0';
    const unallocated = { ...revocation!, statusListIndex: index };

    await expect(manager.revoke({ credentialStatus: [unallocated, suspension!] })).rejects.toMatchObject({
      code: 'ERR_STATUS_LIST_NOT_FOUND',
    });
  });

  it('rejects entries without the purpose as misuse', async () => {
    const { manager } = await setUpIssuer();
    const [, suspension] = await manager.allocate();

    await expect(manager.revoke({ credentialStatus: [suspension!] })).rejects.toThrow(TypeError);
  });

  it('does not modify the entries it is given', async () => {
    const { manager } = await setUpIssuer();
    const credentialStatus = await manager.allocate();
    const before = structuredClone(credentialStatus);
    await manager.revoke({ credentialStatus: Object.freeze(credentialStatus.map((entry) => Object.freeze(entry))) });

    expect(credentialStatus).toEqual(before);
  });

  it('rejects lists shorter than the minimum', () => {
    const store = createMemoryStatusListStore();

    expect(() => new StatusListManager({ store, baseUrl: BASE_URL, listLength: 1024 })).toThrow(TypeError);
    expect(() => new StatusListManager({ store, baseUrl: BASE_URL, listLength: 131_073 })).toThrow(TypeError);
  });

  it('rejects a plain http base URL', () => {
    const store = createMemoryStatusListStore();

    expect(() => new StatusListManager({ store, baseUrl: 'http://certify.example.gov.in/lists' })).toThrow(TypeError);
    expect(new StatusListManager({ store, baseUrl: 'http://127.0.0.1:8080/lists/' }).listUrl('a')).toBe(
      'http://127.0.0.1:8080/lists/a',
    );
  });

  it('reports a publish of an unknown list', async () => {
    const { manager, key } = await setUpIssuer();

    await expect(manager.publish({ listId: 'missing', key, now: new Date() })).rejects.toMatchObject({
      code: 'ERR_STATUS_LIST_NOT_FOUND',
    });
  });
});
