import type { CertificateKind } from '@vaxcert/schemas';

import { isObject, type LegacyCredential } from './credential.js';
import type { CertificateDisplay } from '../result.js';

/**
 * Maps a Co-WIN or DIVOC credential to display fields. `beneficiaryId` is the Co-WIN
 * beneficiary reference `refId`. A dose that is missing or not a positive integer shows as
 * dose 0 of 0, "dose not stated", and the certificate as provisional.
 */
export function toCertificateDisplay(credential: LegacyCredential): CertificateDisplay {
  const subject = credential.credentialSubject;
  const [event] = credential.evidence;
  const dose = toInteger(event.dose, 1);
  const totalDoses = toInteger(event.totalDoses, 1);
  const facility = isObject(event.facility) ? event.facility : {};

  return withoutUndefined({
    name: text(subject.name),
    age: toInteger(subject.age, 0),
    birthDate: optionalText(subject.dob),
    gender: optionalText(subject.gender),
    beneficiaryId: text(subject.refId),
    certificateId: text(event.certificateId),
    vaccine: text(event.vaccine),
    manufacturer: optionalText(event.manufacturer),
    prophylaxis: optionalText(event.prophylaxis),
    batch: optionalText(event.batch),
    dose: dose ?? 0,
    totalDoses: totalDoses ?? 0,
    doseLabel: doseLabel(dose, totalDoses),
    certificateKind: certificateKind(dose, totalDoses),
    vaccinationDate: text(event.date),
    facility: text(facility.name),
    issuer: issuerOf(credential),
  });
}

function doseLabel(dose: number | undefined, totalDoses: number | undefined): string {
  if (dose === undefined || totalDoses === undefined) return 'dose not stated';
  return dose > totalDoses ? 'precaution dose' : `${dose} of ${totalDoses}`;
}

function certificateKind(
  dose: number | undefined,
  totalDoses: number | undefined,
): CertificateKind {
  if (dose === undefined || totalDoses === undefined || dose < totalDoses) return 'provisional';
  return dose === totalDoses ? 'final' : 'precaution';
}

function issuerOf(credential: LegacyCredential): string {
  const { issuer } = credential;
  return isObject(issuer) ? text(issuer.id) : text(issuer);
}

/** Reads integers given as numbers or as digit strings, such as Co-WIN's `"age": "65"`. */
function toInteger(value: unknown, minimum: number): number | undefined {
  const number = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < minimum) {
    return undefined;
  }
  return number;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function optionalText(value: unknown): string | undefined {
  const result = text(value);
  return result === '' ? undefined : result;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
