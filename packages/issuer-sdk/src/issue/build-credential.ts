import {
  VACCINATION_CREDENTIAL_CONTEXTS,
  type CertificateKind,
  type CertifyAddress,
  type CertifyRequest,
  type CredentialAddress,
  type StatusListEntry,
  type UnsignedVaccinationCredential,
  type VaccineEntry,
} from '@vaxcert/schemas';

import { calendarDate } from './validate.js';

/**
 * Issuance profile. `full` signs every field of the request that the credential has a
 * property for. `compact` leaves out the recipient's and the facility's postal address and
 * the vaccinator's identifier, which verifiers do not use, so the QR code is smaller.
 */
export type CredentialProfile = 'full' | 'compact';

/** Inputs of {@link buildCredential}; the request is already validated and normalised. */
export interface BuildCredentialInput {
  readonly request: CertifyRequest;
  readonly vaccine: VaccineEntry;
  readonly issuer: string;
  readonly certificateId: string;
  readonly issuedAt: Date;
  readonly validUntil?: Date;
  readonly credentialStatus?: readonly StatusListEntry[];
  /** Defaults to `full`. */
  readonly profile?: CredentialProfile;
}

/** Returns the certificate kind for a dose, with DIVOC's rule. */
export function certificateKindOf(dose: number, totalDoses: number): CertificateKind {
  if (dose < totalDoses) return 'provisional';
  if (dose === totalDoses) return 'final';
  return 'precaution';
}

/**
 * Returns the age in whole years on a calendar day. A person born on 29 February turns a
 * year older on 1 March in years without that day.
 */
export function ageOn(birthDate: string, day: string): number {
  const [birthYear, birthMonth, birthDay] = birthDate.split('-').map(Number) as [number, number, number];
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  const hadBirthday = month > birthMonth || (month === birthMonth && dayOfMonth >= birthDay);
  return year - birthYear - (hadBirthday ? 0 : 1);
}

/** Formats a time as ISO 8601 in UTC without milliseconds. */
export function isoSeconds(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function buildAddress(address: CertifyAddress | undefined): CredentialAddress | undefined {
  if (address === undefined) return undefined;
  const result: CredentialAddress = { type: 'PostalAddress' };
  const lines = ['addressLine1', 'addressLine2', 'district', 'city', 'state'] as const;
  for (const line of lines) {
    const value = address[line];
    if (value !== undefined && value !== '') result[line] = value;
  }
  if (address.pincode !== undefined && address.pincode !== '') result.pincode = String(address.pincode);
  return Object.keys(result).length > 1 ? result : undefined;
}

function buildSubject(
  request: CertifyRequest,
  profile: CredentialProfile,
): UnsignedVaccinationCredential['credentialSubject'] {
  const { recipient } = request;
  const international = request.meta?.certificateType === 'international';
  const subject: UnsignedVaccinationCredential['credentialSubject'] = {
    type: 'Person',
    beneficiaryId: request.preEnrollmentCode,
    name: recipient.name,
    gender: recipient.gender,
  };
  if (international) {
    // Validation guarantees a date of birth for international certificates.
    subject.birthDate = recipient.dob!;
  } else if (recipient.dob !== undefined) {
    subject.age = ageOn(recipient.dob, calendarDate(request.vaccination.date));
  } else {
    subject.age = Number(recipient.age);
  }
  if (recipient.nationality) subject.nationality = recipient.nationality;
  if (recipient.identity) subject.identity = recipient.identity;
  const address = profile === 'full' ? buildAddress(recipient.address) : undefined;
  if (address) subject.address = address;
  return subject;
}

function buildEvidence(
  request: CertifyRequest,
  vaccine: VaccineEntry,
  profile: CredentialProfile,
): UnsignedVaccinationCredential['evidence'][0] {
  const { vaccination, vaccinator, facility } = request;
  const evidence: UnsignedVaccinationCredential['evidence'][0] = {
    type: 'Vaccination',
    vaccine: vaccine.name,
    manufacturer: vaccination.manufacturer || vaccine.manufacturer,
    prophylaxis: vaccine.prophylaxis,
    icd11Code: vaccine.icd11Code,
    batch: vaccination.batch,
    date: vaccination.date,
    dose: vaccination.dose,
    totalDoses: vaccination.totalDoses,
    certificateKind: certificateKindOf(vaccination.dose, vaccination.totalDoses),
    vaccinator: { type: 'Vaccinator', name: vaccinator.name },
    facility: { type: 'Facility', name: facility.name },
  };
  if (vaccination.effectiveStart) evidence.effectiveStart = vaccination.effectiveStart;
  if (vaccination.effectiveUntil) evidence.effectiveUntil = vaccination.effectiveUntil;
  if (request.meta?.previousCertificateId) {
    evidence.previousCertificateId = request.meta.previousCertificateId;
  }
  if (vaccinator.id && profile === 'full') evidence.vaccinator.identifier = vaccinator.id;
  if (facility.id) evidence.facility.identifier = facility.id;
  const facilityAddress = profile === 'full' ? buildAddress(facility.address) : undefined;
  if (facilityAddress) evidence.facility.address = facilityAddress;
  return evidence;
}

/** Builds the unsigned credential for a validated, NFC-normalised certify request. */
export function buildCredential(input: BuildCredentialInput): UnsignedVaccinationCredential {
  const profile = input.profile ?? 'full';
  const credential: UnsignedVaccinationCredential = {
    '@context': [...VACCINATION_CREDENTIAL_CONTEXTS],
    id: input.certificateId,
    type: ['VerifiableCredential', 'VaccinationCertificate'],
    issuer: input.issuer,
    validFrom: isoSeconds(input.issuedAt),
    credentialSubject: buildSubject(input.request, profile),
    evidence: [buildEvidence(input.request, input.vaccine, profile)],
  };
  if (input.validUntil) credential.validUntil = isoSeconds(input.validUntil);
  if (input.credentialStatus && input.credentialStatus.length > 0) {
    credential.credentialStatus = input.credentialStatus.map((entry) => ({ ...entry }));
  }
  return credential;
}
