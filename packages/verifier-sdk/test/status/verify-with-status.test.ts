import { describe, expect, it } from 'vitest';

import {
  StatusListManager,
  createDidDocument,
  createMemoryStatusListStore,
  generateIssuerKey,
  issue,
} from '@vaxcert/issuer-sdk';
import { createStatusListCache, verify } from '@vaxcert/verifier-sdk';

import { sampleRequests } from '../support.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const HOUR = 3_600_000;

async function setUp() {
  const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in', keyFragment: 'key-1' });
  const manager = new StatusListManager({
    store: createMemoryStatusListStore(),
    baseUrl: 'https://certify.example.gov.in/status-lists',
    ttlMs: HOUR,
    validityMs: 24 * HOUR,
  });
  const credentialStatus = await manager.allocate();
  const { qrPayload } = await issue({ request: sampleRequests()[0], key, now: NOW, credentialStatus });
  const publish = async (now: Date) => {
    const lists = [];
    for (const listId of await manager.listIds()) lists.push(await manager.publish({ listId, key, now }));
    return lists;
  };
  return { key, manager, credentialStatus, qrPayload, publish, trustedIssuers: [createDidDocument({ keys: [key] })] };
}

describe('verify with status lists', () => {
  it('gives status_unknown, not valid, without a status source', async () => {
    const { qrPayload, trustedIssuers } = await setUp();
    const result = await verify({ qr: qrPayload, trustedIssuers, now: NOW });
    expect(result.status).toBe('status_unknown');
    expect(result.checks.find((check) => check.code === 'SIGNATURE')).toMatchObject({ passed: true });
  });

  it('follows revocation through an offline snapshot', async () => {
    const { qrPayload, trustedIssuers, manager, credentialStatus, publish } = await setUp();
    const before = { takenAt: NOW, credentials: await publish(NOW) };
    expect((await verify({ qr: qrPayload, trustedIssuers, now: NOW, statusSource: { snapshot: before } })).status).toBe('valid');

    await manager.revoke({ credentialStatus });
    const after = { takenAt: NOW, credentials: await publish(NOW) };
    const result = await verify({ qr: qrPayload, trustedIssuers, now: NOW, statusSource: { snapshot: after } });
    expect(result.status).toBe('revoked');
    expect(result.checks.find((check) => check.code === 'REVOCATION')).toMatchObject({ passed: false });
  });

  it('reports a suspension fetched online and clears it after reinstatement', async () => {
    const { qrPayload, trustedIssuers, manager, credentialStatus, publish } = await setUp();
    const fetchFrom = (lists: { id: string }[]) => async (url: string) => lists.find((list) => list.id === url);

    await manager.suspend({ credentialStatus });
    const suspended = await verify({ qr: qrPayload, trustedIssuers, now: NOW, statusSource: { fetch: fetchFrom(await publish(NOW)) } });
    expect(suspended.status).toBe('suspended');

    await manager.reinstate({ credentialStatus });
    const reinstated = await verify({ qr: qrPayload, trustedIssuers, now: NOW, statusSource: { fetch: fetchFrom(await publish(NOW)) } });
    expect(reinstated.status).toBe('valid');
  });

  it('sees a revocation once the cached list expires', async () => {
    const { qrPayload, trustedIssuers, manager, credentialStatus, publish } = await setUp();
    let lists = await publish(NOW);
    const statusSource = { fetch: async (url: string) => lists.find((list) => list.id === url) };
    const statusCache = createStatusListCache();

    expect((await verify({ qr: qrPayload, trustedIssuers, now: NOW, statusSource, statusCache })).status).toBe('valid');
    await manager.revoke({ credentialStatus });
    const later = new Date(NOW.getTime() + 2 * HOUR);
    lists = await publish(later);
    const cachedStill = await verify({ qr: qrPayload, trustedIssuers, now: new Date(NOW.getTime() + 60_000), statusSource, statusCache });
    expect(cachedStill.status).toBe('valid');
    expect((await verify({ qr: qrPayload, trustedIssuers, now: later, statusSource, statusCache })).status).toBe('revoked');
  });

  it('gives status_unknown for an expired snapshot', async () => {
    const { qrPayload, trustedIssuers, publish } = await setUp();
    const snapshot = { takenAt: NOW, credentials: await publish(NOW) };
    const later = new Date(NOW.getTime() + 48 * HOUR);
    const result = await verify({ qr: qrPayload, trustedIssuers, now: later, statusSource: { snapshot } });
    expect(result.status).toBe('status_unknown');
  });
});
