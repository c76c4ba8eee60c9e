import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import { beforeEach, describe, expect, it } from 'vitest';
import { signCredential } from '@vaxcert/issuer-sdk';
import { gzip } from 'pako';

import { checkCredentialStatus } from '../../src/status/check-status.js';
import { MAX_STATUS_LIST_BYTES } from '../../src/status/verify-list.js';
import { HOUR, mapFetcher, NOW, setUpStatus } from './setup.js';

type Setup = Awaited<ReturnType<typeof setUpStatus>>;
type Json = Record<string, unknown>;

/** Returns the list's encodedList with every bit cleared, as an attacker would serve it. */
async function clearedEncodedList(list: Json): Promise<string> {
  const subject = list.credentialSubject as { encodedList: string };
  const decoded = await BitstringStatusList.decode({ encodedList: subject.encodedList });
  return new BitstringStatusList({ length: decoded.length }).encode();
}

/** Removes the proof of a published list so it can be changed and signed again. */
function unsigned(list: Json): Json {
  const { proof: _proof, ...rest } = structuredClone(list);
  return rest;
}

describe('status list tampering', () => {
  let setup: Setup;
  let credential: Json;
  let lists: Map<string, Json>;
  let revocationUrl: string;
  beforeEach(async () => {
    setup = await setUpStatus();
    const issued = await setup.issueCertificate();
    credential = issued.credential as unknown as Json;
    revocationUrl = issued.credentialStatus[0]!.statusListCredential;
    await setup.manager.revoke({ credentialStatus: issued.credentialStatus });
    lists = await setup.publishAll(NOW);
  });

  async function checkWithRevocationList(revocationList: unknown) {
    const served = new Map<string, unknown>(lists);
    served.set(revocationUrl, revocationList);
    return checkCredentialStatus(credential, {
      source: { fetch: mapFetcher(() => served).fetch },
      now: new Date(NOW.getTime() + HOUR / 2),
      documentLoader: setup.documentLoader,
      isTrustedKey: setup.isTrustedKey,
    });
  }

  it('accepts the untouched list', async () => {
    expect((await checkWithRevocationList(lists.get(revocationUrl))).outcome).toBe('revoked');
  });

  it('rejects a list whose bits were changed', async () => {
    const tampered = structuredClone(lists.get(revocationUrl)!) as { credentialSubject: Json };
    tampered.credentialSubject.encodedList = await clearedEncodedList(lists.get(revocationUrl)!);
    const result = await checkWithRevocationList(tampered);

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]).toMatchObject({ code: 'REVOCATION', passed: false });
    expect(result.checks[0]?.message).toMatch(/signature is invalid/);
  });

  it('rejects a signed list that decompresses past the size limit', async () => {
    const list = unsigned(lists.get(revocationUrl)!);
    const bomb = gzip(new Uint8Array(MAX_STATUS_LIST_BYTES + 1024), { level: 9 });
    const encoded = btoa(String.fromCharCode(...bomb)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    (list.credentialSubject as { encodedList: string }).encodedList = `u${encoded}`;
    const signed = await signCredential({ credential: list, key: setup.key, date: NOW });
    const result = await checkWithRevocationList(signed);
    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]?.message).toMatch(/exceeds/);
  });

  it('rejects a list signed by an untrusted key of the issuer', async () => {
    const list = unsigned(lists.get(revocationUrl)!);
    (list.credentialSubject as Json).encodedList = await clearedEncodedList(list);
    const forged = await signCredential({ credential: list, key: setup.untrustedKey, date: NOW });
    const result = await checkWithRevocationList(forged);

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]).toMatchObject({ code: 'REVOCATION', passed: false });
    expect(result.checks[0]?.message).toMatch(/not trusted/);
  });

  it('rejects a list from another trusted issuer', async () => {
    const list = { ...unsigned(lists.get(revocationUrl)!), issuer: setup.otherIssuerKey.controller };
    const foreign = await signCredential({ credential: list, key: setup.otherIssuerKey, date: NOW });
    const result = await checkWithRevocationList(foreign);

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]?.message).toMatch(/not the certificate issuer/);
  });

  it('rejects a valid list served at another URL', async () => {
    const suspensionUrl = [...lists.keys()].find((url) => url !== revocationUrl)!;
    const result = await checkWithRevocationList(lists.get(suspensionUrl));

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]?.message).toMatch(/is not its URL/);
  });

  it('rejects a malformed status entry', async () => {
    const entries = structuredClone(credential.credentialStatus) as Json[];
    entries[0]!.statusListIndex = '-1';
    const result = await checkCredentialStatus(
      { ...credential, credentialStatus: entries },
      { source: {}, now: NOW, documentLoader: setup.documentLoader, isTrustedKey: setup.isTrustedKey },
    );

    expect(result.outcome).toBe('status_unknown');
    expect(result.checks[0]).toMatchObject({
      code: 'REVOCATION',
      passed: false,
      pointer: '/credentialStatus/0/statusListIndex',
    });
  });
});
