import { randomInt, randomUUID } from 'node:crypto';

import { MIN_STATUS_LIST_LENGTH, IssuerError, type StatusListManager, type StatusListRecord, type StatusListStore, type StatusPurpose } from '@vaxcert/issuer-sdk';
import type { StatusListEntry } from '@vaxcert/schemas';

/** Compare-and-set attempts before a batch allocation gives up on a busy list. */
const MAX_SAVE_ATTEMPTS = 16;

function getBit(bits: Uint8Array, index: number): boolean {
  return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

function setBit(bits: Uint8Array, index: number): void {
  bits[index >> 3] = bits[index >> 3]! | (0x80 >> (index & 7));
}

/**
 * Picks `count` distinct clear indexes of `allocated`, each uniformly at random among the
 * indexes still clear, and sets them in `allocated`. Lists are far from full for most of
 * their life, so random draws hit a free index at once. When they keep missing, the free
 * indexes are collected and drawn from directly.
 */
function pickFreeIndexes(allocated: Uint8Array, length: number, count: number): number[] {
  const picked: number[] = [];
  let misses = 0;
  while (picked.length < count && misses < 32) {
    const index = randomInt(length);
    if (getBit(allocated, index)) {
      misses += 1;
      continue;
    }
    setBit(allocated, index);
    picked.push(index);
    misses = 0;
  }
  if (picked.length === count) return picked;

  const free: number[] = [];
  for (let index = 0; index < length; index += 1) if (!getBit(allocated, index)) free.push(index);
  while (picked.length < count && free.length > 0) {
    // Swap-remove a random element: each remaining free index is equally likely.
    const position = randomInt(free.length);
    const index = free[position]!;
    free[position] = free[free.length - 1]!;
    free.pop();
    setBit(allocated, index);
    picked.push(index);
  }
  return picked;
}

/**
 * Allocates status list entries for many certificates with one read-modify-write of each
 * list, instead of the two saves per certificate of `StatusListManager.allocate`. It writes
 * through the same {@link StatusListStore}, in the record layout and URL scheme of the
 * manager, so the manager revokes, suspends and publishes these entries like its own.
 * Saves are compare-and-set on the list version, so allocators in several processes can
 * share one database.
 */
export class BatchStatusAllocator {
  readonly #store: StatusListStore;
  readonly #manager: StatusListManager;
  readonly #listLength: number;
  /** Serialises allocations in this process, so they do not fail each other's compare-and-set. */
  #tail: Promise<unknown> = Promise.resolve();

  constructor(options: { store: StatusListStore; manager: StatusListManager; listLength?: number }) {
    this.#store = options.store;
    this.#manager = options.manager;
    this.#listLength = options.listLength ?? MIN_STATUS_LIST_LENGTH;
  }

  /** Returns `count` pairs of entries (revocation, suspension), one pair per certificate. */
  async allocate(count: number): Promise<StatusListEntry[][]> {
    if (count === 0) return [];
    const run = this.#tail.then(async () => {
      const revocation = await this.#allocatePurpose('revocation', count);
      const suspension = await this.#allocatePurpose('suspension', count);
      return revocation.map((entry, index) => [entry, suspension[index]!]);
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #allocatePurpose(statusPurpose: StatusPurpose, count: number): Promise<StatusListEntry[]> {
    const entries: StatusListEntry[] = [];
    let conflicts = 0;
    while (entries.length < count) {
      const open = (await this.#store.findOpen(statusPurpose)) ?? this.#newList(statusPurpose);
      const allocated = open.allocated.slice();
      const requested = Math.min(count - entries.length, open.length - open.allocatedCount);
      const indexes = pickFreeIndexes(allocated, open.length, requested);
      const next: StatusListRecord = {
        ...open,
        allocated,
        allocatedCount: open.allocatedCount + indexes.length,
        version: open.version + 1,
      };
      if (!(await this.#store.save(next, open.version))) {
        conflicts += 1;
        if (conflicts >= MAX_SAVE_ATTEMPTS) {
          throw new IssuerError('ERR_STATUS_CONFLICT', `the ${statusPurpose} list changed concurrently ${MAX_SAVE_ATTEMPTS} times in a row; retry the operation`);
        }
        continue;
      }
      const url = this.#manager.listUrl(open.id);
      for (const index of indexes) {
        entries.push({
          id: `${url}#${index}`,
          type: 'BitstringStatusListEntry',
          statusPurpose,
          statusListIndex: String(index),
          statusListCredential: url,
        });
      }
    }
    return entries;
  }

  #newList(statusPurpose: StatusPurpose): StatusListRecord {
    const bytes = this.#listLength / 8;
    return {
      id: randomUUID(),
      statusPurpose,
      length: this.#listLength,
      status: new Uint8Array(bytes),
      allocated: new Uint8Array(bytes),
      allocatedCount: 0,
      version: 0,
    };
  }
}
