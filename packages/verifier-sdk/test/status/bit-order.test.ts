import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import { beforeEach, describe, expect, it } from 'vitest';
import { signCredential, signStatusList, type StatusListRecord } from '@vaxcert/issuer-sdk';

import { checkCredentialStatus } from '../../src/status/check-status.js';
import { BASE_URL, HOUR, NOW, setUpStatus } from './setup.js';

type Setup = Awaited<ReturnType<typeof setUpStatus>>;
const LIST_URL = `${BASE_URL}/bit-order`;

function record(status: Uint8Array): StatusListRecord {
  return {
    id: 'bit-order',
    statusPurpose: 'revocation',
    length: status.length * 8,
    status,
    allocated: new Uint8Array(status.length),
    allocatedCount: 0,
    version: 1,
  };
}

function credentialAt(issuer: string, index: number) {
  return {
    issuer,
    credentialStatus: [
      {
        id: `${LIST_URL}#${index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(index),
        statusListCredential: LIST_URL,
      },
    ],
  };
}

describe('status list bit order', () => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await setUpStatus();
  });

  async function check(list: unknown, index: number) {
    return checkCredentialStatus(credentialAt(setup.key.controller, index), {
      source: { snapshot: { takenAt: NOW, credentials: [list] } },
      now: new Date(NOW.getTime() + HOUR / 2),
      documentLoader: setup.documentLoader,
      isTrustedKey: setup.isTrustedKey,
    });
  }

  /** Signs a list with these status bits, optionally replacing its encodedList before signing. */
  async function signed(status: Uint8Array, encodedList?: string) {
    const input = { record: record(status), url: LIST_URL, key: setup.key, now: NOW, ttlMs: HOUR, validityMs: 24 * HOUR };
    const list = await signStatusList(input);
    if (encodedList === undefined) return list;

    const { proof: _proof, ...rest } = list;
    const credential = { ...rest, credentialSubject: { ...rest.credentialSubject, encodedList } };
    return signCredential({ credential, key: setup.key, date: NOW });
  }

  it('reads index 0 from the most significant bit', async () => {
    const status = new Uint8Array(131_072 / 8);
    status[0] = 0xc0;
    const list = await signed(status);

    expect((await check(list, 0)).outcome).toBe('revoked');
    expect((await check(list, 1)).outcome).toBe('revoked');
    expect((await check(list, 6)).outcome).toBe('valid');
    expect((await check(list, 7)).outcome).toBe('valid');
  });

  it('decodes the encoded list the library way', async () => {
    const status = new Uint8Array(131_072 / 8);
    status[0] = 0xc0;
    const list = await signed(status);
    const decoded = await BitstringStatusList.decode({ encodedList: list.credentialSubject.encodedList });

    expect(list.credentialSubject.encodedList.startsWith('u')).toBe(true);
    expect([0, 1, 6, 7].map((index) => decoded.getStatus(index))).toEqual([true, true, false, false]);
  });

  it('rejects an encoded list without the u prefix', async () => {
    const status = new Uint8Array(131_072 / 8);
    const good = await signed(status);
    const list = await signed(status, good.credentialSubject.encodedList.slice(1));
    const result = await check(list, 0);

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]?.message).toMatch(/must start with "u"/);
  });

  it('rejects a list shorter than 131,072 entries', async () => {
    const result = await check(await signed(new Uint8Array(1024)), 0);

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]?.message).toMatch(/fewer than the minimum 131072/);
  });

  it('rejects an index past the end of the list', async () => {
    const result = await check(await signed(new Uint8Array(131_072 / 8)), 131_072);

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]).toMatchObject({ code: 'REVOCATION', passed: false });
  });
});
