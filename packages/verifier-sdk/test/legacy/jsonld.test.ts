import { afterEach, describe, expect, it, vi } from 'vitest';

import { getLegacyDocumentLoader } from '../../src/legacy/contexts.js';
import { verifyLegacy } from '../../src/legacy/index.js';
import { cowinCredential, indiaRsaKey, NOW, zipCredential, type Json } from './fixtures.js';

const options = { trustedKeys: [indiaRsaKey], now: NOW };

afterEach(() => {
  vi.restoreAllMocks();
});

async function verifyChanged(change: (credential: Json) => void) {
  const credential = cowinCredential();
  change(credential);
  return verifyLegacy(zipCredential(credential), options);
}

describe('verifyLegacy JSON-LD processing', () => {
  it('rejects a context that is not bundled without fetching it', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');

    const result = await verifyChanged((credential) => {
      credential['@context'] = ['https://www.w3.org/2018/credentials/v1', 'https://example.org/vaccination/v1'];
    });

    expect(result.status).toBe('unexpected_jsonld');
    expect(result.checks.at(-1)).toMatchObject({ code: 'JSONLD_CONTEXT', passed: false, pointer: '/@context' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('rejects a third context after the vaccination context', async () => {
    const result = await verifyChanged((credential) => {
      (credential['@context'] as string[]).push('https://w3id.org/security/v2');
    });

    expect(result.status).toBe('unexpected_jsonld');
  });

  it('rejects a context embedded below the top level', async () => {
    const result = await verifyChanged((credential) => {
      (credential.credentialSubject as Json)['@context'] = { nickname: 'https://schema.org/name' };
    });

    expect(result.status).toBe('unexpected_jsonld');
    expect(result.checks.at(-1)?.pointer).toBe('/credentialSubject/@context');
  });

  it('rejects a member that no bundled context defines', async () => {
    const result = await verifyChanged((credential) => {
      (credential.credentialSubject as Json).vaccinatedTwice = true;
    });

    expect(result.status).toBe('unexpected_jsonld');
    expect(result.checks.at(-1)?.message).toContain('"vaccinatedTwice"');
  });

  it('serves bundled contexts and rejects any other URL with ERR_DOCUMENT_NOT_BUNDLED', async () => {
    const loader = getLegacyDocumentLoader();

    await expect(loader('https://cowin.gov.in/credentials/vaccination/v1')).resolves.toMatchObject({
      documentUrl: 'https://cowin.gov.in/credentials/vaccination/v1',
    });
    await expect(loader('https://w3id.org/security/v2')).resolves.toBeDefined();
    await expect(loader('https://example.org/vaccination/v1')).rejects.toMatchObject({ code: 'ERR_DOCUMENT_NOT_BUNDLED' });
  });
});
