import type { VaccinationCredential } from '@vaxcert/schemas';

import type { CertificateDisplay } from './result.js';

/** Formats "n of N", or "precaution dose" past the primary series. */
export function doseLabel(dose: number, totalDoses: number): string {
  return dose > totalDoses ? 'precaution dose' : `${dose} of ${totalDoses}`;
}

/** Extracts the fields a verifier app shows from a well-formed credential. */
export function displayFields(credential: VaccinationCredential): CertificateDisplay {
  const subject = credential.credentialSubject;
  const evidence = credential.evidence[0];
  return {
    name: subject.name,
    ...(subject.age !== undefined ? { age: subject.age } : {}),
    ...(subject.birthDate !== undefined ? { birthDate: subject.birthDate } : {}),
    gender: subject.gender,
    beneficiaryId: subject.beneficiaryId,
    certificateId: credential.id,
    ...(subject.identity !== undefined ? { identity: subject.identity } : {}),
    vaccine: evidence.vaccine,
    manufacturer: evidence.manufacturer,
    prophylaxis: evidence.prophylaxis,
    batch: evidence.batch,
    dose: evidence.dose,
    totalDoses: evidence.totalDoses,
    doseLabel: doseLabel(evidence.dose, evidence.totalDoses),
    certificateKind: evidence.certificateKind,
    vaccinationDate: evidence.date,
    facility: evidence.facility.name,
    issuer: credential.issuer,
  };
}
