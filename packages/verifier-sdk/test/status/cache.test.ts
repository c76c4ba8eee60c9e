import { beforeEach, describe, expect, it } from 'vitest';

import { signCredential } from '@vaxcert/issuer-sdk';

import { createStatusListCache } from '../../src/status/cache.js';
import { checkCredentialStatus, type CheckCredentialStatusOptions } from '../../src/status/check-status.js';
import type { StatusSource } from '../../src/status/source.js';
import { HOUR, mapFetcher, NOW, setUpStatus } from './setup.js';

type Setup = Awaited<ReturnType<typeof setUpStatus>>;

const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

describe('status list cache and sources', () => {
  let setup: Setup;
  let options: (source: StatusSource, now: Date) => CheckCredentialStatusOptions;
  beforeEach(async () => {
    setup = await setUpStatus();
    options = (source, now) => ({ source, now, documentLoader: setup.documentLoader, isTrustedKey: setup.isTrustedKey });
  });

  it('sees a revocation once the cached list expires', async () => {
    const { credential, credentialStatus } = await setup.issueCertificate();
    let lists = await setup.publishAll(NOW);
    const fetcher = mapFetcher(() => lists);
    const cache = createStatusListCache();
    const check = (now: Date) => checkCredentialStatus(credential, { ...options({ fetch: fetcher.fetch }, now), cache });

    expect((await check(at(0))).outcome).toBe('valid');
    expect(fetcher.calls).toHaveLength(2);
    await setup.manager.revoke({ credentialStatus });
    lists = await setup.publishAll(at(0.5));

    const cached = await check(at(0.9));
    expect(cached.outcome).toBe('valid');
    expect(cached.detail.entries[0]?.fromCache).toBe(true);
    expect(fetcher.calls).toHaveLength(2);

    const refreshed = await check(at(1.1));
    expect(refreshed.outcome).toBe('revoked');
    expect(fetcher.calls).toHaveLength(4);
  });

  it('reports status unknown without any source', async () => {
    const { credential } = await setup.issueCertificate();
    const result = await checkCredentialStatus(credential, options({}, NOW));

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks.map((check) => [check.code, check.passed])).toEqual([
      ['REVOCATION', false],
      ['SUSPENSION', false],
    ]);
    expect(result.checks[0]?.message).toMatch(/no status source/);
  });

  it('reports status unknown for an expired snapshot', async () => {
    const { credential } = await setup.issueCertificate();
    const lists = await setup.publishAll(NOW);
    const snapshot = { takenAt: NOW, credentials: [...lists.values()] };
    const result = await checkCredentialStatus(credential, options({ snapshot, maxSnapshotAgeMs: 48 * HOUR }, at(25)));

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]).toMatchObject({ code: 'REVOCATION', passed: false });
    expect(result.checks[0]?.message).toMatch(/expired/);
  });

  it('reports status unknown for a snapshot older than allowed', async () => {
    const { credential } = await setup.issueCertificate();
    const lists = await setup.publishAll(NOW);
    const snapshot = { takenAt: NOW, credentials: [...lists.values()] };
    const result = await checkCredentialStatus(credential, options({ snapshot, maxSnapshotAgeMs: 2 * HOUR }, at(3)));

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[1]?.message).toMatch(/older than the maximum snapshot age/);
  });

  it('uses a snapshot past its ttl within validUntil', async () => {
    const { credential } = await setup.issueCertificate();
    const lists = await setup.publishAll(NOW);
    const snapshot = { takenAt: NOW, credentials: [...lists.values()] };
    const result = await checkCredentialStatus(credential, options({ snapshot }, at(5)));

    expect(result.outcome).toBe('valid');
    expect(result.detail.entries[0]).toMatchObject({ origin: 'snapshot', stale: true });
  });

  it('limits the age of a cached list without validUntil', async () => {
    const { credential } = await setup.issueCertificate();
    // The same lists, signed again without validUntil.
    const lists = new Map<string, unknown>();
    for (const [url, published] of await setup.publishAll(NOW)) {
      const { proof: _proof, validUntil: _validUntil, ...unsigned } = published;
      lists.set(url, await signCredential({ credential: unsigned, key: setup.key, date: NOW }));
    }
    let online = true;
    const fetcher = mapFetcher(() => (online ? lists : new Map<string, unknown>()));
    const cache = createStatusListCache();
    const check = (now: Date) => checkCredentialStatus(credential, { ...options({ fetch: fetcher.fetch }, now), cache });

    expect((await check(at(0))).outcome).toBe('valid');
    online = false;
    const withinAge = await check(at(23));
    expect(withinAge.outcome).toBe('valid');
    expect(withinAge.detail.entries[0]).toMatchObject({ fromCache: true, stale: true });
    const pastAge = await check(at(25));
    expect(pastAge.outcome).toBe('status_unknown');
    expect(pastAge.checks[0]?.message).toMatch(/no validUntil and is older than the maximum age/);
  });

  it('reports status unknown when a fetch times out', async () => {
    const { credential } = await setup.issueCertificate();
    let aborted = 0;
    const fetch = (_url: string, init: { signal: AbortSignal }) =>
      new Promise<unknown>((_resolve, reject) => {
        init.signal.addEventListener('abort', () => {
          aborted += 1;
          reject(new Error('aborted'));
        });
      });
    const result = await checkCredentialStatus(credential, options({ fetch, timeoutMs: 50 }, NOW));

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]?.message).toMatch(/timed out after 50 ms/);
    expect(aborted).toBe(2);
  });

  it('stops fetching when the caller aborts', async () => {
    const { credential } = await setup.issueCertificate();
    const controller = new AbortController();
    const fetch = () => new Promise<unknown>(() => controller.abort());
    const result = await checkCredentialStatus(credential, options({ fetch, signal: controller.signal }, NOW));

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]?.message).toMatch(/aborted/);
  });

  it('reports status unknown when a fetch fails', async () => {
    const { credential } = await setup.issueCertificate();
    const fetcher = mapFetcher(() => new Map());
    const result = await checkCredentialStatus(credential, options({ fetch: fetcher.fetch }, NOW));

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]?.message).toMatch(/404/);
  });

  it('keeps the newer list when a fetch returns an older one', async () => {
    const { credential, credentialStatus } = await setup.issueCertificate();
    const before = await setup.publishAll(NOW);
    await setup.manager.revoke({ credentialStatus });
    const after = await setup.publishAll(at(1));
    const cache = createStatusListCache();
    const snapshot = { takenAt: at(1), credentials: [...after.values()] };
    await checkCredentialStatus(credential, { ...options({ snapshot }, at(1.5)), cache });

    const fetcher = mapFetcher(() => before);
    const result = await checkCredentialStatus(credential, { ...options({ fetch: fetcher.fetch }, at(2.5)), cache });
    expect(fetcher.calls).toHaveLength(2);
    expect(result.outcome).toBe('revoked');
  });

  it('rejects misuse with TypeError', async () => {
    const { credential } = await setup.issueCertificate();
    const valid = options({}, NOW);

    await expect(checkCredentialStatus(credential, { ...valid, now: new Date('x') })).rejects.toThrow(TypeError);
    await expect(checkCredentialStatus(credential, { ...valid, isTrustedKey: undefined! })).rejects.toThrow(TypeError);
    expect(() => createStatusListCache({ maxEntries: 0 })).toThrow(TypeError);
  });

  it('evicts the least recently used list', async () => {
    await setup.issueCertificate();
    const lists = [...(await setup.publishAll(NOW)).values()];
    const fetcher = mapFetcher(() => new Map(lists.map((list) => [list.id as string, list])));
    const cache = createStatusListCache({ maxEntries: 1 });
    const { credential } = await setup.issueCertificate();
    await checkCredentialStatus(credential, { ...options({ fetch: fetcher.fetch }, NOW), cache });

    expect(cache.size).toBe(1);
  });
});
