/** Postal address as Co-WIN sends it; `pincode` may be a string or a number. */
export interface CertifyAddress {
  addressLine1?: string;
  addressLine2?: string;
  district?: string;
  city?: string;
  state?: string;
  country?: string;
  pincode?: string | number;
}

/** A certify request in Co-WIN's CertificationRequestV2 shape. */
export interface CertifyRequest {
  /** Beneficiary reference number in the source system. */
  preEnrollmentCode: string;
  programId?: string;
  enrollmentType?: string;
  recipient: {
    name: string;
    /** Date of birth, `YYYY-MM-DD`; one of `dob` and `age` is required. */
    dob?: string;
    /** Age in years as Co-WIN sends it (a string of digits) or a number. */
    age?: string | number;
    gender: string;
    nationality?: string;
    /** Identity document as a URI, for example `did:in.gov.passport:Z0288338`. */
    identity?: string;
    contact?: string[];
    address?: CertifyAddress;
  };
  vaccination: {
    /** Vaccine brand, looked up in the vaccine value set. */
    name: string;
    batch: string;
    manufacturer?: string;
    /** Time of vaccination, ISO 8601 with a zone. */
    date: string;
    effectiveStart?: string;
    effectiveUntil?: string;
    dose: number;
    totalDoses: number;
  };
  vaccinator: { id?: string; name: string };
  facility: { id?: string; name: string; address?: CertifyAddress };
  meta?: {
    certificateType?: 'domestic' | 'international';
    previousCertificateId?: string;
    vaccinations?: unknown[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}
