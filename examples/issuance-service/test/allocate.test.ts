import { join } from 'node:path';

import { StatusListManager } from '@vaxcert/issuer-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '../src/storage/open.js';
import type { Repository } from '../src/storage/repository.js';
import { dropSchema, postgresUrl, tempDataDir, uniqueSchema } from './helpers.js';

const schema = uniqueSchema();
const stores = [
  { name: 'sqlite', open: () => openRepository({ store: 'sqlite', sqlitePath: join(tempDataDir(), 'allocate.sqlite'), postgresUrl, postgresSchema: '' }) },
  { name: 'postgres', open: () => openRepository({ store: 'postgres', sqlitePath: '', postgresUrl, postgresSchema: schema }) },
];

afterAll(async () => {
  await dropSchema(schema);
});

describe.each(stores)('batch status allocation on $name', ({ open }) => {
  let repository: Repository;
  let manager: StatusListManager;
  beforeAll(async () => {
    repository = await open();
    manager = new StatusListManager({ store: repository.statusLists, baseUrl: 'http://127.0.0.1:3000/status-lists' });
  });
  afterAll(async () => {
    await repository.close();
  });

  it('saves each list once per batch with distinct indexes', async () => {
    const first = await manager.allocateBatch(100);
    expect(first).toHaveLength(100);
    expect(first.every((pair) => pair[0]!.statusPurpose === 'revocation' && pair[1]!.statusPurpose === 'suspension')).toBe(true);

    const second = await manager.allocateBatch(50);
    const revocationIndexes = [...first, ...second].map((pair) => pair[0]!.statusListIndex);
    expect(new Set(revocationIndexes).size).toBe(150);

    const listId = first[0]![0]!.statusListCredential.split('/').pop()!;
    const list = (await repository.statusLists.get(listId))!;
    // Created at version 1 by the first batch, then one save for the second.
    expect(list.version).toBe(2);
    expect(list.allocatedCount).toBe(150);
  });

  it('runs concurrent batches without losing entries', async () => {
    // Separate managers on one store act as signers in separate processes.
    const managers = [1, 2, 3].map(() => new StatusListManager({ store: repository.statusLists, baseUrl: 'http://127.0.0.1:3000/status-lists' }));
    const batches = await Promise.all(managers.map((signer) => signer.allocateBatch(40)));
    const suspensionIndexes = batches.flat().map((pair) => `${pair[1]!.statusListCredential}#${pair[1]!.statusListIndex}`);
    expect(new Set(suspensionIndexes).size).toBe(120);
  });

  it('gives entries the status list manager revokes and reads', async () => {
    const [credentialStatus] = await manager.allocateBatch(1);
    expect(await manager.getStatus({ credentialStatus: credentialStatus! })).toEqual({ revoked: false, suspended: false });
    await manager.revoke({ credentialStatus: credentialStatus! });
    expect(await manager.getStatus({ credentialStatus: credentialStatus! })).toEqual({ revoked: true, suspended: false });
  });
});
