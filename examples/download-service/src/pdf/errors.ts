/** Codes of {@link CertificateRenderError}. */
export type CertificateRenderErrorCode =
  | 'ERR_LANGUAGE_UNSUPPORTED'
  | 'ERR_NOT_FULLY_VACCINATED'
  | 'ERR_INTERNATIONAL_DETAILS_MISSING';

/** A certificate that cannot be printed as requested; the HTTP layer maps codes to statuses. */
export class CertificateRenderError extends Error {
  readonly code: CertificateRenderErrorCode;

  constructor(code: CertificateRenderErrorCode, message: string) {
    super(message);
    this.name = 'CertificateRenderError';
    this.code = code;
  }
}
