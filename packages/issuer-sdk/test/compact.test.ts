import { describe, expect, it } from 'vitest';

import { encodeQrPayload, generateIssuerKey, issue, renderQr } from '@vaxcert/issuer-sdk';
import type { CertifyRequest } from '@vaxcert/schemas';

import { NOW, readJsonLines } from './support.js';

const requests = readJsonLines<CertifyRequest>('certify-requests.jsonl');
const key = await generateIssuerKey({
  did: 'did:web:certify.example.gov.in',
  keyFragment: 'key-1',
  seed: new Uint8Array(32).fill(7),
});

/** Returns the nearest-rank percentile of `values`. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

describe('compact issuance profile', () => {
  it('leaves out addresses and the vaccinator identifier', async () => {
    const { credential } = await issue({ request: requests[0], key, now: NOW, profile: 'compact' });
    expect(credential.credentialSubject.address).toBeUndefined();
    expect(credential.evidence[0].facility.address).toBeUndefined();
    expect(credential.evidence[0].vaccinator.identifier).toBeUndefined();
    expect(credential.evidence[0].facility.identifier).toBe('FAC-26234');
    expect(credential.credentialSubject.identity).toBe('did:in.gov.eci.voterid:4751324736');
  });

  it('keeps them in the default full profile', async () => {
    const { credential } = await issue({ request: requests[0], key, now: NOW });
    expect(credential.credentialSubject.address?.city).toBe('Guwahati');
    expect(credential.evidence[0].facility.address?.type).toBe('PostalAddress');
    expect(credential.evidence[0].vaccinator.identifier).toBe('VAC-347778');
  });

  it('rejects an unknown profile', async () => {
    const options = { request: requests[0], key, now: NOW, profile: 'tiny' as 'compact' };
    await expect(issue(options)).rejects.toThrow(TypeError);
  });
});

describe('compact QR payload', () => {
  it('starts with the compact prefix', async () => {
    const { qrPayload, credential } = await issue({ request: requests[0], key, now: NOW, qrFormat: 'compact' });
    expect(qrPayload.startsWith('VCC1:')).toBe(true);
    expect(encodeQrPayload({ credential, format: 'compact' })).toBe(qrPayload);
    expect(qrPayload.length).toBeLessThan(encodeQrPayload({ credential }).length / 2);
  });

  it('rejects an unknown format', async () => {
    const { credential } = await issue({ request: requests[0], key, now: NOW });
    expect(() => encodeQrPayload({ credential, format: 'tiny' as 'compact' })).toThrow(TypeError);
  });

  it('fits version 12 at level M for 95 % of samples', async () => {
    const versions: number[] = [];
    const lengths: number[] = [];
    for (const request of requests) {
      const { qrPayload } = await issue({ request, key, now: NOW, profile: 'compact', qrFormat: 'compact' });
      const rendered = await renderQr({ payload: qrPayload, format: 'svg', errorCorrectionLevel: 'M' });
      versions.push(rendered.version);
      lengths.push(qrPayload.length);
    }
    expect(versions).toHaveLength(1000);
    expect(percentile(versions, 95)).toBeLessThanOrEqual(12);
    expect(percentile(lengths, 95)).toBeLessThanOrEqual(419);
  }, 300_000);
});
