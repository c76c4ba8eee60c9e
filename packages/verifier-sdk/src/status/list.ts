/** Source a status list credential was obtained from. */
export type StatusListOrigin = 'fetch' | 'snapshot';

/**
 * A status list credential whose signature, issuer and shape were verified, with its bits
 * decoded. Instances are immutable and safe to share between checks.
 */
export interface VerifiedStatusList {
  /** The status list credential URL (the credential's `id`). */
  readonly url: string;
  readonly issuer: string;
  /** Verification method of the list's proof. */
  readonly verificationMethod: string;
  readonly statusPurpose: string;
  /** `validFrom` in milliseconds since the epoch, when the list has one. */
  readonly validFrom?: number;
  /** `validUntil` in milliseconds since the epoch, when the list has one. */
  readonly validUntil?: number;
  /** The list's `ttl` in milliseconds, when it has one. */
  readonly ttlMs?: number;
  /** Number of entries. */
  readonly length: number;
  /** Returns the status bit at an index below `length`. */
  readonly getStatus: (index: number) => boolean;
  readonly origin: StatusListOrigin;
  /** When the list was fetched, or when its snapshot was taken, in milliseconds since the epoch. */
  readonly retrievedAt: number;
}

/**
 * Returns the time until which a list counts as fresh: `retrievedAt + ttl`, capped at
 * `validUntil`. A list with neither is never fresh, so it is fetched again whenever a fetcher
 * is configured.
 */
export function freshUntil(list: VerifiedStatusList): number {
  const byTtl = list.ttlMs === undefined ? Number.NEGATIVE_INFINITY : list.retrievedAt + list.ttlMs;
  if (list.validUntil === undefined) return byTtl;
  return list.ttlMs === undefined ? list.validUntil : Math.min(byTtl, list.validUntil);
}
