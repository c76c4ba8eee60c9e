import { describe, expect, it } from 'vitest';

import { createDidDocument, exportIssuerKey, generateIssuerKey, issue } from '@vaxcert/issuer-sdk';
import { createTrustStore, verify } from '@vaxcert/verifier-sdk';

import { NOW, sampleRequests } from './support.js';

const request = sampleRequests()[0]!;
const did = 'did:web:certify.example.gov.in';

describe('issuer trust', () => {
  it('accepts any of several current keys of an issuer', async () => {
    const first = await generateIssuerKey({ did, keyFragment: 'key-1' });
    const second = await generateIssuerKey({ did, keyFragment: 'key-2' });
    const trustedIssuers = [createDidDocument({ keys: [first, second] })];
    for (const key of [first, second]) {
      const { qrPayload } = await issue({ request, key, now: NOW });
      expect((await verify({ qr: qrPayload, trustedIssuers, now: NOW })).status).toBe('valid');
    }
  });

  it('accepts a single trusted key instead of a DID document', async () => {
    const key = await generateIssuerKey({ did });
    const { qrPayload } = await issue({ request, key, now: NOW });
    const result = await verify({ qr: qrPayload, trustedIssuers: [exportIssuerKey(key)], now: NOW });
    expect(result.status).toBe('valid');
  });

  it('keeps trusting a retired key for proofs made before its retirement', async () => {
    const old = await generateIssuerKey({ did, keyFragment: 'key-1' });
    const current = await generateIssuerKey({ did, keyFragment: 'key-2' });
    const before = await issue({ request, key: old, now: new Date('2026-01-01T00:00:00Z') });
    const after = await issue({ request, key: old, now: new Date('2026-03-01T00:00:00Z') });
    const retired = { ...exportIssuerKey(old), revoked: '2026-02-01T00:00:00Z' };
    const trustedIssuers = [createDidDocument({ keys: [current], retiredKeys: [retired] })];

    expect((await verify({ qr: before.qrPayload, trustedIssuers, now: NOW })).status).toBe('valid');
    const late = await verify({ qr: after.qrPayload, trustedIssuers, now: NOW });
    expect(late.status).toBe('untrusted_issuer');
    expect(late.checks.find((check) => check.code === 'ISSUER_TRUST')).toMatchObject({ passed: false, pointer: '/proof/created' });
  });

  it('does not trust a key listed only for authentication', async () => {
    const key = await generateIssuerKey({ did });
    const { qrPayload } = await issue({ request, key, now: NOW });
    const document = { ...createDidDocument({ keys: [key] }), assertionMethod: [] };
    expect((await verify({ qr: qrPayload, trustedIssuers: [document], now: NOW })).status).toBe('untrusted_issuer');
  });

  it('gives untrusted_issuer, never valid, with no trusted issuers', async () => {
    const key = await generateIssuerKey({ did });
    const { qrPayload } = await issue({ request, key, now: NOW });
    const result = await verify({ qr: qrPayload, trustedIssuers: [], now: NOW });
    expect(result.status).toBe('untrusted_issuer');
    expect(result.checks.some((check) => check.code === 'SIGNATURE')).toBe(false);
  });

  it('throws a TypeError for a malformed trusted issuer', () => {
    expect(() => createTrustStore([{ id: 'did:web:a', verificationMethod: [{ id: 'x' }] } as never])).toThrow(TypeError);
    expect(() => createTrustStore('did:web:a' as never)).toThrow(TypeError);
  });
});

describe('validity dates', () => {
  it('reports a certificate whose validUntil has passed as expired', async () => {
    const key = await generateIssuerKey({ did });
    const trustedIssuers = [createDidDocument({ keys: [key] })];
    const { qrPayload } = await issue({ request, key, now: new Date('2026-01-01T00:00:00Z'), validUntil: new Date('2026-02-01T00:00:00Z') });
    const result = await verify({ qr: qrPayload, trustedIssuers, now: NOW });
    expect(result.status).toBe('expired');
    expect(result.checks.find((check) => check.code === 'VALID_UNTIL')).toMatchObject({ passed: false });
    expect((await verify({ qr: qrPayload, trustedIssuers, now: new Date('2026-01-15T00:00:00Z') })).status).toBe('valid');
  });

  it('reports a certificate used before validFrom as not yet valid, allowing clock skew', async () => {
    const key = await generateIssuerKey({ did });
    const trustedIssuers = [createDidDocument({ keys: [key] })];
    const { qrPayload } = await issue({ request, key, now: NOW });
    const early = await verify({ qr: qrPayload, trustedIssuers, now: new Date(NOW.getTime() - 60 * 60 * 1000) });
    expect(early.status).toBe('not_yet_valid');
    const skewed = await verify({ qr: qrPayload, trustedIssuers, now: new Date(NOW.getTime() - 60 * 1000) });
    expect(skewed.status).toBe('valid');
  });
});
