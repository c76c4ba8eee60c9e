import { randomUUID } from 'node:crypto';

import type { StatusListEntry } from '@vaxcert/schemas';

import { IssuerError } from '../errors.js';
import type { IssuerKey } from '../keys/issuer-key.js';
import { getBit, takeFreeIndexes, withBit } from './bits.js';
import { signStatusList, type BitstringStatusListCredential } from './publish.js';
import type { StatusListRecord, StatusListStore, StatusPurpose } from './store.js';
import { checkBaseUrl, locateEntry } from './urls.js';

/** Minimum list length in the Bitstring Status List spec (16 KiB), for herd privacy. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

/** Options of {@link StatusListManager}. */
export interface StatusListManagerOptions {
  readonly store: StatusListStore;
  /** Lists are published at `<baseUrl>/<listId>`; `https:`, or `http:` on a loopback host. */
  readonly baseUrl: string;
  /** Entries per new list; a multiple of 8, at least 131,072 (the default). */
  readonly listLength?: number;
  /** `ttl` written into published lists, in milliseconds; defaults to 1 hour. */
  readonly ttlMs?: number;
  /** Time from publication to the list's `validUntil`, in milliseconds; defaults to 24 hours. */
  readonly validityMs?: number;
}

/** Status of one certificate as recorded by the issuer. */
export interface CertificateStatus {
  readonly revoked: boolean;
  readonly suspended: boolean;
}

/** Options of the status-changing methods of {@link StatusListManager}. */
export interface StatusChangeOptions {
  /** The certificate's `credentialStatus` entries, as returned by `allocate`. */
  readonly credentialStatus: readonly StatusListEntry[];
}

/** Compare-and-set attempts before an operation gives up on a busy list. */
const MAX_SAVE_ATTEMPTS = 16;

/**
 * Allocates status list entries for new certificates, revokes, suspends and reinstates them,
 * and publishes the signed status list credentials. Each certificate gets one entry in a
 * revocation list and one in a suspension list, at indexes drawn uniformly at random among
 * the free ones. A full list is closed and a new one started.
 *
 * @example
 * const manager = new StatusListManager({
 *   store: createMemoryStatusListStore(),
 *   baseUrl: 'https://certify.example.gov.in/status-lists',
 * });
 * const credentialStatus = await manager.allocate();
 * const { credential } = await issue({ request, key, credentialStatus });
 * await manager.revoke({ credentialStatus });
 */
export class StatusListManager {
  readonly #store: StatusListStore;
  readonly #baseUrl: string;
  readonly #listLength: number;
  readonly #ttlMs: number;
  readonly #validityMs: number;
  /**
   * Saves of this manager run one after another (allocations and status changes), so they
   * do not fail each other's compare-and-set.
   */
  #saves: Promise<unknown> = Promise.resolve();

  constructor(options: StatusListManagerOptions) {
    const listLength = options.listLength ?? MIN_STATUS_LIST_LENGTH;
    if (!Number.isInteger(listLength) || listLength < MIN_STATUS_LIST_LENGTH || listLength % 8 !== 0) {
      throw new TypeError(`"listLength" must be a multiple of 8 of at least ${MIN_STATUS_LIST_LENGTH}, got ${listLength}`);
    }
    for (const name of ['ttlMs', 'validityMs'] as const) {
      const value = options[name];
      if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
        throw new TypeError(`"${name}" must be a positive integer of milliseconds, got ${value}`);
      }
    }

    this.#store = options.store;
    this.#baseUrl = checkBaseUrl(options.baseUrl);
    this.#listLength = listLength;
    this.#ttlMs = options.ttlMs ?? 3_600_000;
    this.#validityMs = options.validityMs ?? 86_400_000;
  }

  /** Returns the status list credential URL of a list. */
  listUrl(listId: string): string {
    return `${this.#baseUrl}/${listId}`;
  }

  /** Returns the IDs of every list, for publishing them all. */
  async listIds(): Promise<string[]> {
    return this.#store.listIds();
  }

  /**
   * Allocates the revocation and suspension entries of one new certificate. Pass the result
   * to `issue` as `credentialStatus`.
   *
   * @throws {IssuerError} `ERR_STATUS_CONFLICT` when the store keeps reporting conflicts.
   */
  async allocate(): Promise<StatusListEntry[]> {
    const [entries] = await this.allocateBatch(1);
    return entries!;
  }

  /**
   * Allocates the entries of `count` new certificates with one save of each list they come
   * from, where `count` calls of {@link allocate} save each list `count` times. Returns one
   * `credentialStatus` array per certificate. Saves are compare-and-set on the list version,
   * so managers in several processes can share one store.
   *
   * @throws {IssuerError} `ERR_STATUS_CONFLICT` when the store keeps reporting conflicts.
   */
  async allocateBatch(count: number): Promise<StatusListEntry[][]> {
    if (!Number.isSafeInteger(count) || count < 0) throw new TypeError(`"count" must be a non-negative integer, got ${count}`);
    if (count === 0) return [];

    return this.#inTurn(async () => {
      const revocation = await this.#allocateEntries('revocation', count);
      const suspension = await this.#allocateEntries('suspension', count);
      return revocation.map((entry, index) => [entry, suspension[index]!]);
    });
  }

  /** Runs `work` after every save this manager started before it. */
  #inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#saves.then(work);
    this.#saves = run.catch(() => undefined);
    return run;
  }

  /**
   * Revokes a certificate. Revocation is permanent; revoking again changes nothing.
   *
   * @throws {IssuerError} `ERR_STATUS_LIST_NOT_FOUND` when the entry is not one of this manager's.
   */
  async revoke(options: StatusChangeOptions): Promise<void> {
    await this.#update(options.credentialStatus, 'revocation', () => true);
  }

  /**
   * Suspends a certificate until {@link reinstate} is called.
   *
   * @throws {IssuerError} `ERR_STATUS_TRANSITION` when the certificate is revoked.
   * @throws {IssuerError} `ERR_STATUS_LIST_NOT_FOUND` when the entry is not one of this manager's.
   */
  async suspend(options: StatusChangeOptions): Promise<void> {
    await this.#rejectIfRevoked(options.credentialStatus, 'suspended');
    await this.#update(options.credentialStatus, 'suspension', () => true);
  }

  /**
   * Lifts a suspension. Reinstating a certificate that is not suspended changes nothing.
   *
   * @throws {IssuerError} `ERR_STATUS_TRANSITION` when the certificate is revoked.
   * @throws {IssuerError} `ERR_STATUS_LIST_NOT_FOUND` when the entry is not one of this manager's.
   */
  async reinstate(options: StatusChangeOptions): Promise<void> {
    await this.#rejectIfRevoked(options.credentialStatus, 'reinstated');
    await this.#update(options.credentialStatus, 'suspension', () => false);
  }

  /**
   * Returns whether a certificate is revoked and whether it is suspended.
   *
   * @throws {IssuerError} `ERR_STATUS_LIST_NOT_FOUND` when an entry is not one of this manager's.
   */
  async getStatus(options: StatusChangeOptions): Promise<CertificateStatus> {
    const revocation = await this.#load(options.credentialStatus, 'revocation');
    const suspension = await this.#load(options.credentialStatus, 'suspension');
    return {
      revoked: getBit(revocation.record.status, revocation.index),
      suspended: getBit(suspension.record.status, suspension.index),
    };
  }

  /**
   * Signs the current state of a list as a `BitstringStatusListCredential` valid from `now`
   * until `now + validityMs`. Publish every list again before its `validUntil` passes.
   *
   * @throws {IssuerError} `ERR_STATUS_LIST_NOT_FOUND` when no list has this ID.
   * @throws {IssuerError} `ERR_SIGNING_FAILED` when the signature cannot be made.
   */
  async publish(options: { listId: string; key: IssuerKey; now: Date }): Promise<BitstringStatusListCredential> {
    const record = await this.#store.get(options.listId);
    if (record === undefined) {
      throw new IssuerError('ERR_STATUS_LIST_NOT_FOUND', `status list "${options.listId}" not found`);
    }
    return signStatusList({
      record,
      url: this.listUrl(record.id),
      key: options.key,
      now: options.now,
      ttlMs: this.#ttlMs,
      validityMs: this.#validityMs,
    });
  }

  /** Takes `count` entries of `statusPurpose` from the open list, and from new lists as each one fills up. */
  async #allocateEntries(statusPurpose: StatusPurpose, count: number): Promise<StatusListEntry[]> {
    const entries: StatusListEntry[] = [];
    let conflicts = 0;
    while (entries.length < count) {
      const open = (await this.#store.findOpen(statusPurpose)) ?? this.#newList(statusPurpose);
      const allocated = open.allocated.slice();
      const indexes = takeFreeIndexes(allocated, open.length, open.allocatedCount, Math.min(count - entries.length, open.length - open.allocatedCount));
      const next: StatusListRecord = { ...open, allocated, allocatedCount: open.allocatedCount + indexes.length, version: open.version + 1 };
      if (!(await this.#store.save(next, open.version))) {
        conflicts += 1;
        if (conflicts >= MAX_SAVE_ATTEMPTS) throw conflictError(`${statusPurpose} list`);
        await backOff(conflicts);
        continue;
      }

      const url = this.listUrl(open.id);
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

  async #load(entries: readonly StatusListEntry[], statusPurpose: StatusPurpose) {
    const { listId, index } = locateEntry(entries, statusPurpose, this.#baseUrl);
    const record = await this.#store.get(listId);
    if (record === undefined || record.statusPurpose !== statusPurpose) {
      throw new IssuerError('ERR_STATUS_LIST_NOT_FOUND', `${statusPurpose} list "${listId}" not found`);
    }
    if (index >= record.length || !getBit(record.allocated, index)) {
      throw new IssuerError(
        'ERR_STATUS_LIST_NOT_FOUND',
        `index ${index} of ${statusPurpose} list "${listId}" was never allocated`,
      );
    }
    return { record, index };
  }

  async #update(
    entries: readonly StatusListEntry[],
    statusPurpose: StatusPurpose,
    nextValue: () => boolean,
  ): Promise<void> {
    return this.#inTurn(async () => {
      for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt += 1) {
        const { record, index } = await this.#load(entries, statusPurpose);
        const value = nextValue();
        if (getBit(record.status, index) === value) return;

        const next = { ...record, status: withBit(record.status, index, value), version: record.version + 1 };
        if (await this.#store.save(next, record.version)) return;
        await backOff(attempt);
      }
      throw conflictError(`${statusPurpose} list`);
    });
  }

  async #rejectIfRevoked(entries: readonly StatusListEntry[], verb: string): Promise<void> {
    const { record, index } = await this.#load(entries, 'revocation');
    if (!getBit(record.status, index)) return;

    throw new IssuerError(
      'ERR_STATUS_TRANSITION',
      `certificate is revoked and cannot be ${verb}: revocation is permanent, so issue a new certificate instead`,
    );
  }
}

/**
 * Waits a random time that grows with the number of conflicts so far (up to 2 ms times
 * that number), so that managers in several processes stop colliding on one list.
 */
async function backOff(conflicts: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * conflicts));
}

function conflictError(what: string): IssuerError {
  return new IssuerError(
    'ERR_STATUS_CONFLICT',
    `the ${what} changed concurrently ${MAX_SAVE_ATTEMPTS} times in a row; retry the operation`,
  );
}
