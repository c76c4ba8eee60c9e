import { readFileSync } from 'node:fs';

import { generateIssuerKey } from '@vaxcert/issuer-sdk';
import { describe, expect, it } from 'vitest';

import { CertificateRepository } from '../../src/storage/repository.js';
import { mobileOf, seedRepository } from '../../src/storage/seed.js';

const sampleUrl = new URL('../../../../test-vectors/sample/certify-requests.jsonl', import.meta.url);

function sampleRequests(count: number): Record<string, unknown>[] {
  return readFileSync(sampleUrl, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, count)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('seedRepository', () => {
  it('issues and stores the sample requests', async () => {
    const repository = new CertificateRepository(':memory:');
    const requests = sampleRequests(20);
    const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in' });
    const result = await seedRepository({ repository, key, requests });
    expect(result.issued).toBe(20);
    expect(result.skipped).toEqual([]);
    expect(repository.countBeneficiaries()).toBe(20);

    const first = requests[0] as { preEnrollmentCode: string; recipient: { name: string; contact: string[] } };
    const mobile = mobileOf(first)!;
    expect(mobile).toBe('9387217950');
    const listed = repository.beneficiariesOf(mobile);
    expect(listed).toEqual([{ beneficiaryId: first.preEnrollmentCode, name: first.recipient.name, maskedIdentity: 'XXXXXX4736' }]);
    const certificates = repository.certificatesOf(first.preEnrollmentCode);
    expect(certificates).toHaveLength(1);
    expect(certificates[0]!.credential.proof.type).toBe('Ed25519Signature2020');
    expect(certificates[0]!.qrPayload.length).toBeGreaterThan(100);
    repository.close();
  });

  it('skips requests without a tel: contact or that fail validation', async () => {
    const repository = new CertificateRepository(':memory:');
    const [valid, noContact, invalid] = sampleRequests(3).map((request) => structuredClone(request));
    (noContact!.recipient as { contact: string[] }).contact = ['mailto:someone@example.org'];
    (invalid!.vaccination as { name: string }).name = 'UNKNOWN-VACCINE';
    const key = await generateIssuerKey();
    const result = await seedRepository({ repository, key, requests: [valid, noContact, invalid] });
    expect(result.issued).toBe(1);
    expect(result.skipped.map((skip) => skip.line)).toEqual([2, 3]);
    expect(result.skipped[0]!.reason).toBe('no tel: contact');
    repository.close();
  });
});
