import { issue, type IssuerKey } from '@vaxcert/issuer-sdk';
import type { VaccinationCredential } from '@vaxcert/schemas';

import { maskIdentityNumber, parseIdentity } from '../pdf/certificate-model.js';
import type { CertificateRepository } from './repository.js';

/** Returns the mobile number of a certify request's `tel:` contact, or `undefined`. */
export function mobileOf(request: { recipient?: { contact?: unknown } }): string | undefined {
  const contacts = Array.isArray(request.recipient?.contact) ? request.recipient.contact : [];
  const tel = contacts.find((contact): contact is string => typeof contact === 'string' && contact.startsWith('tel:'));
  return tel?.slice('tel:'.length);
}

/** Stores a signed credential with its beneficiary, creating or updating the beneficiary. */
export function storeIssued(
  repository: CertificateRepository,
  mobile: string,
  issued: { credential: VaccinationCredential; certificateId: string; qrPayload: string },
): void {
  const subject = issued.credential.credentialSubject;
  const identity = subject.identity ? parseIdentity(subject.identity).number : '';
  repository.saveBeneficiary({
    beneficiaryId: subject.beneficiaryId,
    mobile,
    name: subject.name,
    birthDate: subject.birthDate ?? null,
    maskedIdentity: identity ? maskIdentityNumber(identity) : '',
  });
  repository.addCertificate(issued);
}

/** Counts of {@link seedRepository}. */
export interface SeedResult {
  readonly issued: number;
  readonly skipped: { line: number; reason: string }[];
}

/**
 * Issues a certificate for each certify request and stores it. Requests without a `tel:`
 * contact or that `issue` rejects are skipped and reported with their line number.
 */
export async function seedRepository(options: {
  repository: CertificateRepository;
  key: IssuerKey;
  requests: readonly unknown[];
  now?: Date;
}): Promise<SeedResult> {
  const skipped: { line: number; reason: string }[] = [];
  const issued: { mobile: string; result: Awaited<ReturnType<typeof issue>> }[] = [];
  for (const [index, request] of options.requests.entries()) {
    const mobile = mobileOf(request as { recipient?: { contact?: unknown } });
    if (!mobile) {
      skipped.push({ line: index + 1, reason: 'no tel: contact' });
      continue;
    }
    try {
      const result = await issue({ request, key: options.key, ...(options.now ? { now: options.now } : {}) });
      issued.push({ mobile, result });
    } catch (error) {
      skipped.push({ line: index + 1, reason: (error as Error).message });
    }
  }
  options.repository.transaction(() => {
    for (const { mobile, result } of issued) storeIssued(options.repository, mobile, result);
  });
  return { issued: issued.length, skipped };
}
