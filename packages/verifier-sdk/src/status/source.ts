/**
 * Sources of status list credentials. Nothing is fetched unless `fetch` is given; a
 * verifier that works offline passes a `snapshot` of lists downloaded earlier.
 */
export interface StatusSource {
  /**
   * Fetches the status list credential at `url` and returns its parsed JSON, or a fetch
   * `Response`, which is read as JSON (any status outside 200 to 299 fails the fetch). The
   * global `fetch` fits as it is. It must stop when `init.signal` aborts.
   */
  fetch?: (url: string, init: { signal: AbortSignal }) => Promise<unknown>;
  /** Status list credentials downloaded at `takenAt`, for offline use. */
  snapshot?: { takenAt: Date | string; credentials: unknown[] };
  /** Time allowed for one fetch, in milliseconds; defaults to 5,000. */
  timeoutMs?: number;
  /**
   * Maximum age of `snapshot` at the time of the check, in milliseconds; defaults to 24
   * hours. A list without `validUntil`, fetched or in a snapshot, is used only this long
   * after its `validFrom` (or after it was retrieved, when it has no `validFrom` either).
   */
  maxSnapshotAgeMs?: number;
  /** Aborts pending fetches; the check then reports `status_unknown`. */
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_SNAPSHOT_AGE_MS = 86_400_000;

/** A fetched document, or why it could not be fetched. */
export type FetchResult = { document: unknown } | { reason: string };

/**
 * Calls the fetcher with a signal that aborts after `timeoutMs` or when the caller's signal
 * aborts, and stops waiting at that moment even if the fetcher ignores the signal.
 */
/** The part of a fetch `Response` read here. */
interface ResponseLike {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

function isResponse(value: unknown): value is ResponseLike {
  if (typeof Response !== 'undefined' && value instanceof Response) return true;
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<Record<keyof ResponseLike, unknown>>;
  return typeof candidate.ok === 'boolean' && typeof candidate.status === 'number' && typeof candidate.json === 'function';
}

export async function fetchWithTimeout(source: StatusSource, url: string): Promise<FetchResult> {
  const fetcher = source.fetch!;
  const timeoutMs = source.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (source.signal?.aborted) return { reason: `fetch of status list "${url}" was aborted` };

  const controller = new AbortController();
  let stop: (reason: string) => void = () => {};
  const stopped = new Promise<FetchResult>((resolve) => {
    stop = (reason) => {
      controller.abort();
      resolve({ reason });
    };
  });
  const timer = setTimeout(() => stop(`fetch of status list "${url}" timed out after ${timeoutMs} ms`), timeoutMs);
  const onAbort = () => stop(`fetch of status list "${url}" was aborted`);
  source.signal?.addEventListener('abort', onAbort, { once: true });

  const fetched = (async (): Promise<FetchResult> => {
    try {
      const fetched = await fetcher(url, { signal: controller.signal });
      if (!isResponse(fetched)) return { document: fetched };
      if (!fetched.ok) return { reason: `fetch of status list "${url}" failed: HTTP status ${fetched.status}` };
      return { document: await fetched.json() };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { reason: `fetch of status list "${url}" failed: ${detail}` };
    }
  })();

  try {
    return await Promise.race([fetched, stopped]);
  } finally {
    clearTimeout(timer);
    source.signal?.removeEventListener('abort', onAbort);
  }
}

/** A snapshot's copy of a list, or why the snapshot cannot provide it. */
export type SnapshotResult = { document: unknown; takenAt: number } | { reason: string } | undefined;

/** Returns the snapshot's credential whose `id` is `url`; `undefined` without a snapshot. */
export function findInSnapshot(source: StatusSource, url: string): SnapshotResult {
  const { snapshot } = source;
  if (snapshot === undefined) return undefined;

  const takenAt = new Date(snapshot.takenAt).getTime();
  if (Number.isNaN(takenAt)) return { reason: 'snapshot takenAt is not a date' };
  if (!Array.isArray(snapshot.credentials)) return { reason: 'snapshot credentials is not an array' };
  const document = snapshot.credentials.find(
    (credential) => typeof credential === 'object' && credential !== null && (credential as { id?: unknown }).id === url,
  );
  if (document === undefined) return { reason: `snapshot has no status list "${url}"` };
  return { document, takenAt };
}
