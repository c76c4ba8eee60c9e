/** Stable codes of the errors the issuer SDK raises. */
export type IssuerErrorCode =
  | 'ERR_REQUEST_INVALID'
  | 'ERR_VACCINE_UNKNOWN'
  | 'ERR_KEY_INVALID'
  | 'ERR_KEY_NOT_PRIVATE'
  | 'ERR_KEY_FILE'
  | 'ERR_SIGNING_FAILED'
  | 'ERR_PAYLOAD_TOO_LARGE'
  | 'ERR_QR_RENDER'
  | 'ERR_STATUS_LIST_FULL'
  | 'ERR_STATUS_LIST_NOT_FOUND'
  | 'ERR_STATUS_TRANSITION'
  | 'ERR_STATUS_CONFLICT'
  | 'ERR_CERTIFICATE_NOT_FOUND'
  | 'ERR_CORRECTION_LIMIT';

/** Error raised by the issuer SDK; `code` is stable, `message` is for people. */
export class IssuerError extends Error {
  override readonly name: string = 'IssuerError';
  readonly code: IssuerErrorCode;

  constructor(code: IssuerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** One problem found in a certify request: a JSON Pointer and a plain message. */
export interface RequestIssue {
  readonly pointer: string;
  readonly message: string;
}

/** Error raised when a certify request is invalid; `issues` lists every problem found. */
export class RequestValidationError extends IssuerError {
  override readonly name = 'RequestValidationError';
  readonly issues: readonly RequestIssue[];

  constructor(issues: readonly RequestIssue[]) {
    const first = issues[0];
    const summary = first ? `${first.pointer || '/'} ${first.message}` : 'invalid request';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super('ERR_REQUEST_INVALID', `invalid certify request: ${summary}${more}`);
    this.issues = issues;
  }
}
