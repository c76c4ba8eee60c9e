/** Status purposes vaxcert certificates use; each purpose has its own lists. */
export type StatusPurpose = 'revocation' | 'suspension';

/**
 * One status list as stored by the issuer: its status bits, which indexes were handed out,
 * and a version number for optimistic locking. Bit `i` is bit `7 - (i % 8)` of byte
 * `floor(i / 8)`, the Bitstring Status List order.
 */
export interface StatusListRecord {
  /** List ID; the last path segment of the status list credential URL. */
  readonly id: string;
  readonly statusPurpose: StatusPurpose;
  /** Number of entries (bits); a multiple of 8. */
  readonly length: number;
  /** Status bits; a set bit means revoked or suspended. */
  readonly status: Uint8Array;
  /** Allocation bits; a set bit means the index belongs to a certificate. */
  readonly allocated: Uint8Array;
  /** Number of set bits in `allocated`. */
  readonly allocatedCount: number;
  /** Starts at 1 and grows by 1 with every saved change. */
  readonly version: number;
}

/**
 * Storage of status lists. A database implementation makes `save` a compare-and-set on
 * `version` (for example `UPDATE … WHERE id = ? AND version = ?`), so that every operation
 * of {@link StatusListManager} is atomic. Records passed in and returned are never modified
 * afterwards by the caller or by the store.
 */
export interface StatusListStore {
  /** Returns the list with this ID, or `undefined`. */
  get(listId: string): Promise<StatusListRecord | undefined>;
  /** Returns a list of this purpose with at least one free index, or `undefined`. */
  findOpen(statusPurpose: StatusPurpose): Promise<StatusListRecord | undefined>;
  /**
   * Saves `record` only if the stored version equals `expectedVersion` (0: no list with
   * this ID exists yet). Returns `false`, and changes nothing, when it does not.
   */
  save(record: StatusListRecord, expectedVersion: number): Promise<boolean>;
  /** Returns the IDs of every stored list. */
  listIds(): Promise<string[]>;
}

function copyRecord(record: StatusListRecord): StatusListRecord {
  return { ...record, status: record.status.slice(), allocated: record.allocated.slice() };
}

/**
 * Creates a {@link StatusListStore} that keeps lists in memory, for tests and single-process
 * tools. Lists are lost when the process ends.
 */
export function createMemoryStatusListStore(): StatusListStore {
  const records = new Map<string, StatusListRecord>();

  return {
    async get(listId) {
      const record = records.get(listId);
      return record === undefined ? undefined : copyRecord(record);
    },

    async findOpen(statusPurpose) {
      for (const record of records.values()) {
        if (record.statusPurpose === statusPurpose && record.allocatedCount < record.length) {
          return copyRecord(record);
        }
      }
      return undefined;
    },

    async save(record, expectedVersion) {
      const storedVersion = records.get(record.id)?.version ?? 0;
      if (storedVersion !== expectedVersion) return false;

      records.set(record.id, copyRecord(record));
      return true;
    },

    async listIds() {
      return [...records.keys()];
    },
  };
}
