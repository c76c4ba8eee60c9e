import type { CertificateKind } from '@vaxcert/schemas';

/**
 * Overall outcome of a verification. Only `valid` means the certificate can be trusted.
 * `status_unknown` means the signature and dates passed but the revocation or suspension
 * status could not be established.
 */
export type VerificationStatus =
  | 'valid'
  | 'invalid_signature'
  | 'untrusted_issuer'
  | 'expired'
  | 'not_yet_valid'
  | 'revoked'
  | 'suspended'
  | 'status_unknown'
  | 'malformed'
  | 'unexpected_jsonld'
  | 'invalid_json'
  | 'invalid_cbor'
  | 'too_large'
  | 'invalid_compression'
  | 'invalid_encoding'
  | 'unsupported_format'
  | 'no_qr_code';

/** Stable identifier of one check; a verifier app can `switch` on it. */
export type CheckCode =
  | 'QR_IMAGE'
  | 'PAYLOAD_FORMAT'
  | 'TEXT_ENCODING'
  | 'BASE45'
  | 'BASE64'
  | 'ZIP'
  | 'ZLIB'
  | 'SIZE_LIMIT'
  | 'JSON'
  | 'CBOR'
  | 'JSONLD_CONTEXT'
  | 'CREDENTIAL_SHAPE'
  | 'ISSUER_TRUST'
  | 'SIGNATURE'
  | 'VALID_FROM'
  | 'VALID_UNTIL'
  | 'REVOCATION'
  | 'SUSPENSION';

/** Result of one check. */
export interface VerificationCheck {
  readonly code: CheckCode;
  readonly passed: boolean;
  /** Short, lowercase explanation; never contains key material. */
  readonly message: string;
  /** JSON Pointer of the value that failed, where one applies. */
  readonly pointer?: string;
}

/** Payload formats the verifier reads. */
export type PayloadFormat = 'vaxcert' | 'vaxcert-compact' | 'cowin-legacy' | 'divoc-legacy';

/** A warning a verifier app may show next to an otherwise valid result. */
export interface VerificationWarning {
  readonly code: 'UNPROTECTED_FIELDS';
  readonly message: string;
  /** Display field names the signature does not bind to their values. */
  readonly fields: readonly string[];
}

/** The certificate's fields, ready to show on a screen. */
export interface CertificateDisplay {
  readonly name: string;
  readonly age?: number;
  readonly birthDate?: string;
  readonly gender?: string;
  readonly beneficiaryId: string;
  readonly certificateId: string;
  readonly identity?: string;
  readonly vaccine: string;
  readonly manufacturer?: string;
  readonly prophylaxis?: string;
  readonly batch?: string;
  readonly dose: number;
  readonly totalDoses: number;
  /** `"1 of 2"`, or `"precaution dose"` when the dose is past the primary series. */
  readonly doseLabel: string;
  readonly certificateKind: CertificateKind;
  readonly vaccinationDate: string;
  readonly facility: string;
  readonly issuer: string;
}

/** Result of {@link verify}, which returns one for every input it is given. */
export interface VerificationResult {
  readonly status: VerificationStatus;
  /** `true` only when `status` is `valid`. */
  readonly verified: boolean;
  /** The payload format, once it could be recognised. */
  readonly format?: PayloadFormat;
  /** `true` for Co-WIN and DIVOC certificates issued before this SDK. */
  readonly legacy: boolean;
  /** Every check that ran, in order. */
  readonly checks: readonly VerificationCheck[];
  readonly warnings: readonly VerificationWarning[];
  /**
   * Display fields, present when a trusted key signed a well-formed credential: for `valid`,
   * `revoked`, `suspended`, `expired`, `not_yet_valid` and `status_unknown`. Legacy results
   * carry them for `valid`, `expired` and `not_yet_valid`, with `warnings` naming the fields
   * the legacy signature does not protect.
   */
  readonly certificate?: CertificateDisplay;
  /**
   * The decoded credential, present whenever it could be parsed, also when its signature
   * failed: only `certificate` is safe to show to a person.
   */
  readonly credential?: Readonly<Record<string, unknown>>;
}
