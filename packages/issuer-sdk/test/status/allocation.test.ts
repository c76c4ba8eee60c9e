import { describe, expect, it } from 'vitest';

import { MIN_STATUS_LIST_LENGTH, StatusListManager } from '../../src/status/manager.js';
import { createMemoryStatusListStore, type StatusListRecord } from '../../src/status/store.js';
import { BASE_URL, setUpIssuer } from './fixtures.js';

async function allocateIndexes(manager: StatusListManager, count: number, purpose = 'revocation') {
  const indexes: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const entries = await manager.allocate();
    indexes.push(Number(entries.find((entry) => entry.statusPurpose === purpose)!.statusListIndex));
  }
  return indexes;
}

/** Builds a list with every index allocated except `free`. */
function nearlyFullList(free: readonly number[]): StatusListRecord {
  const allocated = new Uint8Array(MIN_STATUS_LIST_LENGTH / 8).fill(0xff);
  for (const index of free) allocated[index >> 3]! &= ~(0x80 >> (index & 7));
  return {
    id: 'nearly-full',
    statusPurpose: 'revocation',
    length: MIN_STATUS_LIST_LENGTH,
    status: new Uint8Array(MIN_STATUS_LIST_LENGTH / 8),
    allocated,
    allocatedCount: MIN_STATUS_LIST_LENGTH - free.length,
    version: 1,
  };
}

/** Checks that 800 indexes fall evenly into eighths of the list. */
function expectEvenSpread(indexes: readonly number[]): void {
  const buckets = new Array<number>(8).fill(0);
  for (const index of indexes) buckets[Math.floor((index * 8) / MIN_STATUS_LIST_LENGTH)]! += 1;

  // Each bucket expects 100; a sequential allocator puts all 800 in the first one.
  for (const count of buckets) {
    expect(count).toBeGreaterThan(50);
    expect(count).toBeLessThan(150);
  }
}

describe('status list index allocation', () => {
  it('spreads indexes evenly over the list', async () => {
    const { manager } = await setUpIssuer();
    expectEvenSpread(await allocateIndexes(manager, 800));
  });

  it('does not allocate consecutive indexes', async () => {
    const { manager } = await setUpIssuer();
    const indexes = await allocateIndexes(manager, 200);
    const steps = indexes.slice(1).map((index, i) => Math.abs(index - indexes[i]!));

    // Random draws give a step of 1 with probability about 2 / 131,072 each.
    expect(steps.filter((step) => step <= 1).length).toBeLessThan(3);
  });

  it('never repeats an index', async () => {
    const { manager } = await setUpIssuer();
    const revocation = await allocateIndexes(manager, 2000, 'revocation');

    expect(new Set(revocation).size).toBe(2000);
  });

  it('fills the last free indexes and then starts a new list', async () => {
    const store = createMemoryStatusListStore();
    const free = [3, 70_000, 131_071];
    expect(await store.save(nearlyFullList(free), 0)).toBe(true);
    const manager = new StatusListManager({ store, baseUrl: BASE_URL });

    const entries = await Promise.all([1, 2, 3, 4].map(async () => (await manager.allocate())[0]!));
    const inOldList = entries.filter((entry) => entry.statusListCredential === `${BASE_URL}/nearly-full`);
    const inNewList = entries.filter((entry) => entry.statusListCredential !== `${BASE_URL}/nearly-full`);

    expect(inOldList.map((entry) => Number(entry.statusListIndex)).sort((a, b) => a - b)).toEqual(free);
    expect(inNewList).toHaveLength(1);
    expect((await store.get('nearly-full'))?.allocatedCount).toBe(MIN_STATUS_LIST_LENGTH);
    expect(await store.listIds()).toHaveLength(3);
  });

  it('saves each allocation with a version check', async () => {
    const { manager, store } = await setUpIssuer();
    const [revocation] = await manager.allocate();
    const listId = revocation!.statusListCredential.slice(BASE_URL.length + 1);
    const record = (await store.get(listId))!;

    expect(record.version).toBe(1);
    expect(await store.save({ ...record, version: 2 }, 0)).toBe(false);
    await manager.allocate();
    expect((await store.get(listId))!.version).toBe(2);
  });

  it('allocates a batch with one save per list', async () => {
    const { manager, store } = await setUpIssuer();
    const batch = await manager.allocateBatch(500);

    expect(batch).toHaveLength(500);
    expect(batch.every(([revocation, suspension]) => revocation?.statusPurpose === 'revocation' && suspension?.statusPurpose === 'suspension')).toBe(true);
    expect(new Set(batch.map(([revocation]) => revocation!.statusListIndex)).size).toBe(500);
    expect(new Set(batch.map(([, suspension]) => suspension!.statusListIndex)).size).toBe(500);
    const listId = batch[0]![0]!.statusListCredential.slice(BASE_URL.length + 1);
    expect(await store.get(listId)).toMatchObject({ version: 1, allocatedCount: 500 });
  });

  it('spreads a batch evenly over the list', async () => {
    const { manager } = await setUpIssuer();
    expectEvenSpread((await manager.allocateBatch(800)).map(([revocation]) => Number(revocation!.statusListIndex)));
  });

  it('continues a batch in a new list', async () => {
    const store = createMemoryStatusListStore();
    const free = [3, 70_000, 131_071];
    expect(await store.save(nearlyFullList(free), 0)).toBe(true);
    const manager = new StatusListManager({ store, baseUrl: BASE_URL });

    const revocations = (await manager.allocateBatch(5)).map(([revocation]) => revocation!);
    const inOldList = revocations.filter((entry) => entry.statusListCredential === `${BASE_URL}/nearly-full`);

    expect(inOldList.map((entry) => Number(entry.statusListIndex)).sort((a, b) => a - b)).toEqual(free);
    expect(new Set(revocations.slice(3).map((entry) => entry.statusListCredential)).size).toBe(1);
    expect(revocations[3]!.statusListCredential).not.toBe(`${BASE_URL}/nearly-full`);
    expect((await store.get('nearly-full'))?.allocatedCount).toBe(MIN_STATUS_LIST_LENGTH);
  });

  it('runs concurrent batches without conflicts', async () => {
    const inner = createMemoryStatusListStore();
    let conflicts = 0;
    const store = {
      ...inner,
      save: async (record: StatusListRecord, expectedVersion: number) => {
        const saved = await inner.save(record, expectedVersion);
        if (!saved) conflicts += 1;
        return saved;
      },
    };
    const manager = new StatusListManager({ store, baseUrl: BASE_URL });
    const batches = await Promise.all([20, 30, 1, 49].map((count) => manager.allocateBatch(count)));

    expect(batches.map((batch) => batch.length)).toEqual([20, 30, 1, 49]);
    expect(new Set(batches.flat().map(([revocation]) => revocation!.id)).size).toBe(100);
    expect(conflicts).toBe(0);
  });

  it('retries a batch after a concurrent save', async () => {
    const inner = createMemoryStatusListStore();
    let interfered = false;
    const store = {
      ...inner,
      save: async (record: StatusListRecord, expectedVersion: number) => {
        // Another process saves the same list first, once.
        if (!interfered && expectedVersion === 1) {
          interfered = true;
          const current = (await inner.get(record.id))!;
          await inner.save({ ...current, version: 2 }, 1);
        }
        return inner.save(record, expectedVersion);
      },
    };
    const manager = new StatusListManager({ store, baseUrl: BASE_URL });
    await manager.allocateBatch(2);
    const [entries] = await manager.allocateBatch(1);

    expect(interfered).toBe(true);
    const listId = entries![0]!.statusListCredential.slice(BASE_URL.length + 1);
    expect(await store.get(listId)).toMatchObject({ version: 3, allocatedCount: 3 });
  });

  it('rejects a negative or fractional count', async () => {
    const { manager } = await setUpIssuer();

    await expect(manager.allocateBatch(-1)).rejects.toThrow(TypeError);
    await expect(manager.allocateBatch(1.5)).rejects.toThrow(TypeError);
    expect(await manager.allocateBatch(0)).toEqual([]);
  });
});
