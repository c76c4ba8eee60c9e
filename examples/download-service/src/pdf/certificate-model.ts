import { ageOn } from '@vaxcert/issuer-sdk';
import type { VaccinationCredential, VaccinationEvidence } from '@vaxcert/schemas';

/** Vaccination status printed on the certificate. */
export type VaccinationStatus = 'partial' | 'full' | 'precaution';

/** One row of the dose table. */
export interface DoseRow {
  readonly dose: number;
  readonly totalDoses: number;
  readonly precaution: boolean;
  /** Day of vaccination in India Standard Time, `YYYY-MM-DD`. */
  readonly date: string;
  readonly vaccine: string;
  readonly prophylaxis: string;
  readonly batch: string;
  readonly manufacturer: string;
}

/** Everything a printed certificate shows, taken from the beneficiary's signed credentials. */
export interface CertificateView {
  readonly beneficiaryId: string;
  readonly name: string;
  readonly age?: number;
  readonly birthDate?: string;
  readonly gender: string;
  readonly nationality?: string;
  /** Kind of identity document, for example `Aadhaar`, or `ID` when the kind is unknown. */
  readonly identityKind?: string;
  /** Identity number with every character but the last 4 replaced by `X`. */
  readonly maskedIdentity?: string;
  /** Passport number in full, printed only on the international certificate. */
  readonly passportNumber?: string;
  readonly doses: readonly DoseRow[];
  readonly status: VaccinationStatus;
  /** Facility of the latest dose, with its district and state. */
  readonly facility: string;
  /** ID of the latest dose's credential, which the QR code holds. */
  readonly certificateId: string;
}

const identityKinds: Record<string, string> = {
  'in.gov.uidai.aadhaar': 'Aadhaar',
  'in.gov.passport': 'Passport',
  'in.gov.pan': 'PAN',
  'in.gov.eci.voterid': 'Voter ID',
  'in.gov.driverlicense': 'Driving licence',
};

/** Replaces every character of an identity number but the last 4 with `X`. */
export function maskIdentityNumber(value: string): string {
  const characters = Array.from(value);
  const visible = characters.length > 4 ? 4 : 0;
  return characters.map((character, index) => (index < characters.length - visible ? 'X' : character)).join('');
}

/** Splits an identity URI such as `did:in.gov.uidai.aadhaar:XXXXXXXX0475` into kind and number. */
export function parseIdentity(identity: string): { scheme: string; number: string } {
  const match = /^did:([^:]+):(.+)$/.exec(identity);
  if (!match) return { scheme: '', number: identity };
  return { scheme: match[1]!, number: match[2]! };
}

const indiaDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Kolkata',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function doseRowOf(evidence: VaccinationEvidence): DoseRow {
  return {
    dose: evidence.dose,
    totalDoses: evidence.totalDoses,
    precaution: evidence.certificateKind === 'precaution',
    date: indiaDate.format(new Date(evidence.date)),
    vaccine: evidence.vaccine,
    prophylaxis: evidence.prophylaxis,
    batch: evidence.batch,
    manufacturer: evidence.manufacturer,
  };
}

function statusOf(evidence: readonly VaccinationEvidence[]): VaccinationStatus {
  if (evidence.some((dose) => dose.certificateKind === 'precaution')) return 'precaution';
  if (evidence.some((dose) => dose.certificateKind === 'final')) return 'full';
  return 'partial';
}

function facilityOf(evidence: VaccinationEvidence): string {
  const address = evidence.facility.address;
  const parts = [evidence.facility.name, address?.district, address?.state];
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join(', ');
}

/**
 * Builds the certificate view of one beneficiary from the credentials of each dose. The
 * credentials are sorted by vaccination date; personal details come from the latest one.
 *
 * @throws {TypeError} when the list is empty or the credentials belong to different
 * beneficiaries.
 */
export function buildCertificateView(credentials: readonly VaccinationCredential[]): CertificateView {
  if (credentials.length === 0) throw new TypeError('a certificate needs at least one credential');
  const sorted = [...credentials].sort(
    (a, b) => Date.parse(a.evidence[0].date) - Date.parse(b.evidence[0].date) || a.evidence[0].dose - b.evidence[0].dose,
  );
  const latest = sorted.at(-1)!;
  const subject = latest.credentialSubject;
  for (const credential of sorted) {
    if (credential.credentialSubject.beneficiaryId !== subject.beneficiaryId) {
      throw new TypeError(
        `credential ${credential.id} belongs to beneficiary ${credential.credentialSubject.beneficiaryId}, not ${subject.beneficiaryId}`,
      );
    }
  }

  const evidence = sorted.map((credential) => credential.evidence[0]);
  const birthDate = sorted.map((credential) => credential.credentialSubject.birthDate).find(Boolean);
  // A credential carries either the age at vaccination or the date of birth. Without an age,
  // the age on the day of the latest dose is computed from the date of birth.
  const latestDay = indiaDate.format(new Date(latest.evidence[0].date));
  const statedAge = sorted
    .map((credential) => credential.credentialSubject.age)
    .filter((value): value is number => value !== undefined)
    .at(-1);
  const age = statedAge ?? (birthDate ? ageOn(birthDate, latestDay) : undefined);
  const identity = subject.identity ? parseIdentity(subject.identity) : undefined;

  return {
    beneficiaryId: subject.beneficiaryId,
    name: subject.name,
    gender: subject.gender,
    ...(age !== undefined ? { age } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(subject.nationality ? { nationality: subject.nationality } : {}),
    ...(identity
      ? {
          identityKind: identityKinds[identity.scheme] ?? 'ID',
          maskedIdentity: maskIdentityNumber(identity.number),
          ...(identity.scheme === 'in.gov.passport' ? { passportNumber: identity.number } : {}),
        }
      : {}),
    doses: evidence.map(doseRowOf),
    status: statusOf(evidence),
    facility: facilityOf(latest.evidence[0]),
    certificateId: latest.id,
  };
}
