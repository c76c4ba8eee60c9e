import { Inflate, constants } from 'pako';

/** Outcome of {@link inflateBounded}. */
export type InflateResult =
  | { bytes: Uint8Array }
  | { error: 'header' | 'corrupt' | 'truncated' | 'too_large'; message: string };

// Input is fed in slices so the output check runs often: one slice can expand to at
// most about 1,032 times its size (the DEFLATE maximum), about 264 KB.
const SLICE_BYTES = 256;

/**
 * Inflates a zlib (RFC 1950) stream, with `raw` a bare DEFLATE (RFC 1951) stream, or with
 * `gzip` one GZIP (RFC 1952) member, and
 * gives up as soon as the output passes `maxBytes`, so a small payload cannot expand into a
 * large allocation. Any compression level is accepted (zlib headers such as `78 9C`, `78 DA`,
 * `78 01`). Bytes after the end of the stream are an error. `dictionary` is the preset
 * dictionary, for zlib streams that name one and for raw streams compressed with one.
 */
export function inflateBounded(
  input: Uint8Array,
  options: { maxBytes: number; dictionary?: Uint8Array; raw?: boolean; gzip?: boolean },
): InflateResult {
  const raw = options.raw === true;
  const gzip = options.gzip === true;
  let stream = 'zlib stream';
  if (raw) stream = 'DEFLATE stream';
  else if (gzip) stream = 'GZIP stream';
  if (gzip && (input[0] !== 0x1f || input[1] !== 0x8b)) {
    return { error: 'header', message: 'data does not start with a GZIP header' };
  }
  if (!raw && !gzip && (input.length < 2 || (input[0]! & 0x0f) !== 8 || ((input[0]! << 8) | input[1]!) % 31 !== 0)) {
    return { error: 'header', message: 'data does not start with a zlib header' };
  }
  if (raw && input.length === 0) return { error: 'truncated', message: 'DEFLATE stream is empty' };

  const chunks: Uint8Array[] = [];
  let total = 0;
  // `ended` and `strm` are public fields of pako's Inflate that its type declarations omit.
  const inflater = new Inflate({
    chunkSize: 4096,
    ...(raw ? { raw: true } : {}),
    // windowBits 16 + 15 reads a GZIP (RFC 1952) member.
    ...(gzip ? { windowBits: 31 } : {}),
    ...(options.dictionary ? { dictionary: options.dictionary } : {}),
  }) as Inflate & { ended: boolean; strm: { avail_in: number } };
  inflater.onData = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total <= options.maxBytes) chunks.push(chunk.slice());
  };

  for (let offset = 0; offset < input.length; offset += SLICE_BYTES) {
    const last = offset + SLICE_BYTES >= input.length;
    if (inflater.ended) return { error: 'corrupt', message: `data follows the end of the ${stream}` };
    inflater.push(input.subarray(offset, offset + SLICE_BYTES), last ? constants.Z_FINISH : constants.Z_NO_FLUSH);
    if (total > options.maxBytes) {
      return { error: 'too_large', message: `decompressed data exceeds ${options.maxBytes} bytes` };
    }
    if (inflater.err === constants.Z_BUF_ERROR) return { error: 'truncated', message: `${stream} ends early` };
    if (inflater.err) {
      return { error: 'corrupt', message: `${stream} is corrupt: ${inflater.msg || String(inflater.err)}` };
    }
  }
  if (!inflater.ended) return { error: 'truncated', message: `${stream} ends early` };
  if (inflater.strm.avail_in > 0) {
    return { error: 'corrupt', message: `data follows the end of the ${stream}` };
  }

  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytes };
}
