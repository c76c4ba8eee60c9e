import type { DocumentLoader } from '@vaxcert/schemas';

import type { StatusListCache } from './cache.js';
import { freshUntil, type VerifiedStatusList } from './list.js';
import { DEFAULT_MAX_SNAPSHOT_AGE_MS, fetchWithTimeout, findInSnapshot, type StatusSource } from './source.js';
import { checkListUsable, verifyStatusListCredential, type IsTrustedKey } from './verify-list.js';

/** Context shared by the lookups of one status check. */
export interface ResolveContext {
  readonly source: StatusSource;
  readonly cache: StatusListCache | undefined;
  readonly now: Date;
  readonly documentLoader: DocumentLoader;
  readonly isTrustedKey: IsTrustedKey;
  /** The certificate's issuer; lists from any other issuer are rejected. */
  readonly issuer: string;
}

/** A list usable for the check, or the reasons no list was. */
export type ResolveResult =
  | { list: VerifiedStatusList; fromCache: boolean; stale: boolean }
  | { reasons: string[] };

/**
 * Finds a usable, verified status list for `url`. A fresh cached list is used directly.
 * Otherwise every available source is tried: the cached list (still within `validUntil`),
 * the fetcher and the snapshot. The usable list with the latest `validFrom` wins, so a
 * fetcher that serves an older list cannot roll the status back.
 */
export async function resolveStatusList(
  url: string,
  statusPurpose: string,
  context: ResolveContext,
): Promise<ResolveResult> {
  const now = context.now.getTime();
  const maxSnapshotAge = context.source.maxSnapshotAgeMs ?? DEFAULT_MAX_SNAPSHOT_AGE_MS;
  const usableInput = {
    issuer: context.issuer,
    statusPurpose,
    now,
    isTrustedKey: context.isTrustedKey,
    oldestSnapshot: now - maxSnapshotAge,
  };
  const reasons: string[] = [];
  const candidates: VerifiedStatusList[] = [];

  const cached = context.cache?.get(url);
  if (cached !== undefined) {
    const reason = checkListUsable(cached, usableInput);
    if (reason === undefined && now <= freshUntil(cached)) return { list: cached, fromCache: true, stale: false };
    if (reason === undefined) candidates.push(cached);
    else {
      reasons.push(`cached ${reason}`);
      // A list that is not usable now, for example one dated ahead of the clock, must not
      // keep a usable list out of the cache.
      context.cache?.delete(url);
    }
  }

  if (context.source.fetch !== undefined) {
    const fetched = await fetchWithTimeout(context.source, url);
    if ('reason' in fetched) {
      reasons.push(fetched.reason);
    } else {
      await verifyCandidate(fetched.document, 'fetch', now, url, context, usableInput, candidates, reasons);
    }
  }

  const snapshot = findInSnapshot(context.source, url);
  const alreadyCached = cached?.origin === 'snapshot' && snapshot !== undefined && 'takenAt' in snapshot
    && cached.retrievedAt === snapshot.takenAt;
  if (snapshot !== undefined && 'reason' in snapshot) {
    reasons.push(snapshot.reason);
  } else if (snapshot !== undefined && !alreadyCached) {
    await verifyCandidate(snapshot.document, 'snapshot', snapshot.takenAt, url, context, usableInput, candidates, reasons);
  }

  if (context.source.fetch === undefined && context.source.snapshot === undefined && cached === undefined) {
    reasons.push('no status source: no fetcher, no snapshot and no cached list');
  }

  // A concurrent check may have cached a newer list while this one was fetching.
  const current = context.cache?.get(url);
  if (current !== undefined && current !== cached && checkListUsable(current, usableInput) === undefined) {
    candidates.push(current);
  }
  // The latest validFrom wins. validFrom has a resolution of one second, so on a tie the list
  // retrieved last wins: a revocation published in the same second is then not missed.
  const best = candidates.reduce<VerifiedStatusList | undefined>((latest, list) => {
    if (latest === undefined) return list;
    const from = list.validFrom ?? 0;
    const latestFrom = latest.validFrom ?? 0;
    return from > latestFrom || (from === latestFrom && list.retrievedAt > latest.retrievedAt) ? list : latest;
  }, undefined);
  if (best === undefined) return { reasons };

  if (best !== current) context.cache?.set(best);
  return { list: best, fromCache: best === cached || best === current, stale: now > freshUntil(best) };
}

async function verifyCandidate(
  document: unknown,
  origin: 'fetch' | 'snapshot',
  retrievedAt: number,
  url: string,
  context: ResolveContext,
  usableInput: Parameters<typeof checkListUsable>[1],
  candidates: VerifiedStatusList[],
  reasons: string[],
): Promise<void> {
  const verified = await verifyStatusListCredential({
    document,
    url,
    origin,
    retrievedAt,
    now: context.now,
    documentLoader: context.documentLoader,
    isTrustedKey: context.isTrustedKey,
  });
  if ('reason' in verified) {
    reasons.push(`${origin === 'fetch' ? 'fetched' : 'snapshot'} ${verified.reason}`);
    return;
  }
  const reason = checkListUsable(verified.list, usableInput);
  if (reason === undefined) candidates.push(verified.list);
  else reasons.push(`${origin === 'fetch' ? 'fetched' : 'snapshot'} ${reason}`);
}
