import type { VerifiedStatusList } from './list.js';

/**
 * Verified status lists keyed by status list credential URL. `checkCredentialStatus` reads
 * it before any source and stores every list it verifies. Entries stay until replaced or
 * evicted; whether an entry is still fresh or usable is decided per check from the list's
 * `ttl` and `validUntil`.
 */
export interface StatusListCache {
  get(url: string): VerifiedStatusList | undefined;
  set(list: VerifiedStatusList): void;
  delete(url: string): boolean;
  clear(): void;
  readonly size: number;
}

/** Options of {@link createStatusListCache}. */
export interface StatusListCacheOptions {
  /** Lists kept before the least recently used one is evicted; defaults to 1,000. */
  readonly maxEntries?: number;
}

/**
 * Creates an in-memory {@link StatusListCache} with least-recently-used eviction. Share one
 * cache between checks so that each list is verified once per refresh.
 *
 * @example
 * const cache = createStatusListCache();
 * await checkCredentialStatus(credential, { source, cache, now, documentLoader, isTrustedKey });
 */
export function createStatusListCache(options: StatusListCacheOptions = {}): StatusListCache {
  const maxEntries = options.maxEntries ?? 1000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TypeError(`"maxEntries" must be a positive integer, got ${maxEntries}`);
  }
  const lists = new Map<string, VerifiedStatusList>();

  return {
    get(url) {
      const list = lists.get(url);
      if (list !== undefined) {
        // Re-inserting moves the entry to the end, the most recently used position.
        lists.delete(url);
        lists.set(url, list);
      }
      return list;
    },
    set(list) {
      // An older list never replaces a newer one, so a revocation once seen cannot be undone.
      const existing = lists.get(list.url);
      const olderThanExisting =
        existing !== undefined &&
        ((existing.validFrom ?? 0) > (list.validFrom ?? 0) ||
          ((existing.validFrom ?? 0) === (list.validFrom ?? 0) && existing.retrievedAt > list.retrievedAt));
      if (olderThanExisting) return;
      lists.delete(list.url);
      lists.set(list.url, list);
      if (lists.size > maxEntries) lists.delete(lists.keys().next().value!);
    },
    delete(url) {
      return lists.delete(url);
    },
    clear() {
      lists.clear();
    },
    get size() {
      return lists.size;
    },
  };
}
