import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { createStatusListCache } from '../../src/status/cache.js';
import { checkCredentialStatus } from '../../src/status/check-status.js';
import { BASE_URL, HOUR, NOW, setUpStatus } from './setup.js';

/** Serves `lists()` over HTTP on 127.0.0.1, at the path of each list URL. */
async function serveLists(lists: () => Map<string, unknown>) {
  const server = createServer((request, response) => {
    const document = lists().get(`https://certify.example.gov.in${request.url}`);
    response.writeHead(document === undefined ? 404 : 200, { 'content-type': 'application/vc+ld+json' });
    response.end(document === undefined ? '' : JSON.stringify(document));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('status lists over HTTP on 127.0.0.1', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('fetches lists and sees a revocation after the ttl', async () => {
    const setup = await setUpStatus();
    const { credential, credentialStatus } = await setup.issueCertificate();
    let lists = await setup.publishAll(NOW);
    server = await serveLists(() => lists);
    const { port } = server.address() as AddressInfo;
    const fetch = async (url: string, init: { signal: AbortSignal }) => {
      const local = url.replace(BASE_URL, `http://127.0.0.1:${port}/status-lists`);
      const response = await globalThis.fetch(local, { signal: init.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as unknown;
    };
    const cache = createStatusListCache();
    const check = (hours: number) =>
      checkCredentialStatus(credential, {
        source: { fetch, timeoutMs: 2000 },
        cache,
        now: new Date(NOW.getTime() + hours * HOUR),
        documentLoader: setup.documentLoader,
        isTrustedKey: setup.isTrustedKey,
      });

    expect((await check(0)).outcome).toBe('valid');
    await setup.manager.revoke({ credentialStatus });
    lists = await setup.publishAll(new Date(NOW.getTime() + HOUR));
    expect((await check(0.5)).outcome).toBe('valid');
    expect((await check(1.5)).outcome).toBe('revoked');
  });

  it('reads a Response returned by the fetcher', async () => {
    const setup = await setUpStatus();
    const { credential, credentialStatus } = await setup.issueCertificate();
    await setup.manager.revoke({ credentialStatus });
    const lists = await setup.publishAll(NOW);
    server = await serveLists(() => lists);
    const { port } = server.address() as AddressInfo;
    const options = (base: string) => ({
      // Global fetch as it is, with only the host changed to the local server.
      source: { fetch: (url: string, init: { signal: AbortSignal }) => globalThis.fetch(url.replace(BASE_URL, base), init) },
      now: NOW,
      documentLoader: setup.documentLoader,
      isTrustedKey: setup.isTrustedKey,
    });

    expect((await checkCredentialStatus(credential, options(`http://127.0.0.1:${port}/status-lists`))).outcome).toBe('revoked');
    const missing = await checkCredentialStatus(credential, options(`http://127.0.0.1:${port}/missing`));
    expect(missing.outcome).toBe('status_unknown');
    expect(missing.checks[0]?.message).toMatch(/failed: HTTP status 404/);
  });
});
