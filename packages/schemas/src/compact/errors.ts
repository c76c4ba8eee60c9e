/** Stable codes of {@link CompactDecodeError}. */
export type CompactDecodeErrorCode =
  /** The data ends inside a CBOR item. */
  | 'ERR_COMPACT_TRUNCATED'
  /** Bytes follow the single CBOR item. */
  | 'ERR_COMPACT_TRAILING_BYTES'
  /** The data is longer than the format allows. */
  | 'ERR_COMPACT_TOO_LARGE'
  /** Arrays, maps and tags nest deeper than the format allows. */
  | 'ERR_COMPACT_TOO_DEEP'
  /** A CBOR tag other than the literal tag. */
  | 'ERR_COMPACT_UNKNOWN_TAG'
  /** A table index or prefix index that the tables of this version do not define. */
  | 'ERR_COMPACT_UNKNOWN_CODE'
  /** Bytes that are not well-formed CBOR, or a form the format does not write. */
  | 'ERR_COMPACT_INVALID_CBOR'
  /** Well-formed CBOR whose value does not fit the slot it is in. */
  | 'ERR_COMPACT_INVALID_VALUE';

/** Error raised when compact credential bytes cannot be decoded. */
export class CompactDecodeError extends Error {
  override readonly name = 'CompactDecodeError';
  readonly code: CompactDecodeErrorCode;
  /** JSON Pointer of the credential property being decoded, when one applies. */
  readonly pointer: string | undefined;

  constructor(code: CompactDecodeErrorCode, message: string, options: { cause?: unknown; pointer?: string } = {}) {
    super(options.pointer === undefined ? message : `${message} at ${options.pointer}`, { cause: options.cause });
    this.code = code;
    this.pointer = options.pointer;
  }
}
