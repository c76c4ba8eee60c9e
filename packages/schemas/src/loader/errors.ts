/** Stable codes of errors raised by the schemas package. */
export type SchemasErrorCode = 'ERR_DOCUMENT_NOT_BUNDLED' | 'ERR_INVALID_DOCUMENT_URL';

/** Error raised when a JSON-LD document is requested that the loader does not serve. */
export class DocumentNotBundledError extends Error {
  override readonly name = 'DocumentNotBundledError';
  readonly code: SchemasErrorCode = 'ERR_DOCUMENT_NOT_BUNDLED';
  /** The URL that was requested. */
  readonly url: string;

  constructor(url: string) {
    super(`document "${truncate(url)}" is not bundled and is never fetched from the network`);
    this.url = url;
  }
}

function truncate(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}
