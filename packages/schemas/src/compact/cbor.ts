import { Token, Tokenizer, Type, encode } from 'cborg';

import { CompactDecodeError } from './errors.js';
import { LITERAL_TAG } from './tables.js';

/** A CBOR map whose entries keep their order. */
export class CborMap {
  constructor(readonly entries: readonly (readonly [CborValue, CborValue])[]) {}
}

/** A CBOR tag and its content. */
export class CborTagged {
  constructor(
    readonly tag: number,
    readonly content: CborValue,
  ) {}
}

/** The CBOR `undefined` simple value: a slot whose property is absent. */
export const ABSENT: unique symbol = Symbol('absent');

/** A CBOR data item as the compact codec builds and reads it. */
export type CborValue =
  | number
  | string
  | boolean
  | null
  | Uint8Array
  | CborMap
  | CborTagged
  | typeof ABSENT
  | readonly CborValue[];

/** Limits of {@link readCbor}. */
export interface CborReadLimits {
  /** Deepest nesting of arrays, maps and tags; a top-level array is one level. */
  readonly maxDepth: number;
}

function toTokens(value: CborValue): Token | Token[] | (Token | Token[])[] {
  if (value === ABSENT) return new Token(Type.undefined, undefined);
  if (value === null) return new Token(Type.null, null);
  if (value === true) return new Token(Type.true, true);
  if (value === false) return new Token(Type.false, false);
  if (typeof value === 'string') return new Token(Type.string, value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return new Token(Type.float, value);
    // JSON has one zero, so -0 is written as the integer 0.
    return value >= 0 ? new Token(Type.uint, value === 0 ? 0 : value) : new Token(Type.negint, value);
  }
  if (value instanceof Uint8Array) return new Token(Type.bytes, value);
  if (value instanceof CborTagged) return [new Token(Type.tag, value.tag), toTokens(value.content) as Token[]];
  if (value instanceof CborMap) {
    const tokens: (Token | Token[])[] = [new Token(Type.map, value.entries.length)];
    for (const [key, item] of value.entries) tokens.push(toTokens(key) as Token[], toTokens(item) as Token[]);
    return tokens;
  }
  const tokens: (Token | Token[])[] = [new Token(Type.array, value.length)];
  for (const item of value) tokens.push(toTokens(item) as Token[]);
  return tokens;
}

/** Wrapper that lets cborg write a token tree built here, keeping map entry order. */
class PreparedTokens {
  constructor(readonly tokens: ReturnType<typeof toTokens>) {}
}

/**
 * Writes a CBOR data item (RFC 8949) with definite lengths and the shortest heads. Map
 * entries keep their order. Non-integer numbers become the shortest float that represents them exactly.
 */
export function writeCbor(value: CborValue): Uint8Array {
  return encode(new PreparedTokens(toTokens(value)), {
    typeEncoders: {
      Object: (item: unknown) => (item instanceof PreparedTokens ? (item.tokens as Token[]) : null),
    },
  });
}

const TOKENIZER_OPTIONS = {
  strict: true,
  allowIndefinite: false,
  allowUndefined: true,
  allowBigInt: false,
  allowNaN: false,
  allowInfinity: false,
};

function nextToken(tokenizer: Tokenizer): Token {
  if (tokenizer.done()) throw new CompactDecodeError('ERR_COMPACT_TRUNCATED', 'CBOR data ends early');
  try {
    return tokenizer.next();
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/not enough data/.test(message)) {
      throw new CompactDecodeError('ERR_COMPACT_TRUNCATED', 'CBOR data ends early', { cause });
    }
    throw new CompactDecodeError('ERR_COMPACT_INVALID_CBOR', `invalid CBOR: ${message.replace(/^CBOR decode error: /, '')}`, { cause });
  }
}

function readItem(tokenizer: Tokenizer, depth: number, limits: CborReadLimits): CborValue {
  const token = nextToken(tokenizer);
  const { type } = token;
  if (type === Type.uint || type === Type.negint || type === Type.float) return token.value as number;
  if (type === Type.string) return token.value as string;
  if (type === Type.bytes) return (token.value as Uint8Array).slice();
  if (type === Type.true) return true;
  if (type === Type.false) return false;
  if (type === Type.null) return null;
  if (type === Type.undefined) return ABSENT;
  if (type === Type.break) throw new CompactDecodeError('ERR_COMPACT_INVALID_CBOR', 'invalid CBOR: unexpected break');

  if (depth >= limits.maxDepth) {
    throw new CompactDecodeError('ERR_COMPACT_TOO_DEEP', `CBOR nesting exceeds ${limits.maxDepth} levels`);
  }
  if (type === Type.tag) {
    const tag = token.value as number;
    if (tag !== LITERAL_TAG) throw new CompactDecodeError('ERR_COMPACT_UNKNOWN_TAG', `unknown CBOR tag ${tag}`);
    return new CborTagged(tag, readItem(tokenizer, depth + 1, limits));
  }
  // A declared length can be far larger than the data; the loop stops at the end of the data.
  const count = token.value as number;
  if (type === Type.array) {
    const items: CborValue[] = [];
    for (let index = 0; index < count; index++) items.push(readItem(tokenizer, depth + 1, limits));
    return items;
  }
  const entries: [CborValue, CborValue][] = [];
  for (let index = 0; index < count; index++) {
    const key = readItem(tokenizer, depth + 1, limits);
    entries.push([key, readItem(tokenizer, depth + 1, limits)]);
  }
  return new CborMap(entries);
}

/**
 * Reads exactly one CBOR data item that fills `bytes`. Only the forms {@link writeCbor}
 * produces are accepted: definite lengths, shortest integer heads and the literal tag.
 *
 * @throws {CompactDecodeError} `ERR_COMPACT_TRUNCATED`, `ERR_COMPACT_TRAILING_BYTES`,
 *   `ERR_COMPACT_TOO_DEEP`, `ERR_COMPACT_UNKNOWN_TAG` or `ERR_COMPACT_INVALID_CBOR`.
 */
export function readCbor(bytes: Uint8Array, limits: CborReadLimits): CborValue {
  const tokenizer = new Tokenizer(bytes, TOKENIZER_OPTIONS);
  const value = readItem(tokenizer, 0, limits);
  if (!tokenizer.done()) {
    throw new CompactDecodeError(
      'ERR_COMPACT_TRAILING_BYTES',
      `${bytes.length - tokenizer.pos()} bytes follow the CBOR data item`,
    );
  }
  return value;
}
