import type { VACCINATION_CREDENTIAL_CONTEXTS } from '../contexts/urls.js';

/** Certificate kind: before the last primary dose, at it, or after it. */
export type CertificateKind = 'provisional' | 'final' | 'precaution';

/** Postal address inside a credential. */
export interface CredentialAddress {
  type: 'PostalAddress';
  addressLine1?: string;
  addressLine2?: string;
  district?: string;
  city?: string;
  state?: string;
  pincode?: string;
}

/** The vaccinated person. Domestic certificates carry `age`, international ones `birthDate`. */
export interface VaccinationSubject {
  type: 'Person';
  beneficiaryId: string;
  name: string;
  age?: number;
  birthDate?: string;
  gender: string;
  nationality?: string;
  identity?: string;
  address?: CredentialAddress;
}

/** The vaccination event a certificate attests. */
export interface VaccinationEvidence {
  type: 'Vaccination';
  vaccine: string;
  manufacturer: string;
  prophylaxis: string;
  icd11Code: string;
  batch: string;
  date: string;
  effectiveStart?: string;
  effectiveUntil?: string;
  dose: number;
  totalDoses: number;
  certificateKind: CertificateKind;
  country?: string;
  previousCertificateId?: string;
  vaccinator: { type: 'Vaccinator'; name: string; identifier?: string };
  facility: { type: 'Facility'; name: string; identifier?: string; address?: CredentialAddress };
}

/** A Bitstring Status List entry pointing at one bit of a status list credential. */
export interface StatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation' | 'suspension';
  statusListIndex: string;
  statusListCredential: string;
}

/** An Ed25519Signature2020 proof. */
export interface Ed25519Signature2020Proof {
  type: 'Ed25519Signature2020';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

/** An unsigned vaxcert vaccination credential. */
export interface UnsignedVaccinationCredential {
  '@context': typeof VACCINATION_CREDENTIAL_CONTEXTS | string[];
  id: string;
  type: ['VerifiableCredential', 'VaccinationCertificate'];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: VaccinationSubject;
  evidence: [VaccinationEvidence];
  credentialStatus?: StatusListEntry[];
}

/** A signed vaxcert vaccination credential. */
export interface VaccinationCredential extends UnsignedVaccinationCredential {
  proof: Ed25519Signature2020Proof;
}
