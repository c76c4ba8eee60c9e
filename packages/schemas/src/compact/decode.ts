import { ABSENT, CborMap, CborTagged, readCbor, type CborValue } from './cbor.js';
import { CompactDecodeError } from './errors.js';
import { MAX_COMPACT_CREDENTIAL_BYTES, MAX_COMPACT_DEPTH } from './limits.js';
import { SHAPES, type ShapeName, type SlotCodec } from './tables.js';
import { writeWithCodec } from './encode.js';
import { readDate, readDateTime, readDigits, readMultibase, readUuid } from './values.js';

/** Values of the credential that other slots are read relative to; set as the root is read. */
interface RootValues {
  issuer?: string;
  validFrom?: string;
}

function invalid(message: string, pointer: string): CompactDecodeError {
  return new CompactDecodeError('ERR_COMPACT_INVALID_VALUE', message, { pointer: pointer || '/' });
}

/** Sets a property without invoking setters, so a key such as `__proto__` stays data. */
function define(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Reads plain CBOR back into JSON: only text-keyed maps, arrays, text, numbers, booleans, null. */
function readPlain(value: CborValue, pointer: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => readPlain(item as CborValue, `${pointer}/${index}`));
  if (value instanceof CborMap) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of value.entries) {
      if (typeof key !== 'string') throw invalid('map key is not a text string', pointer);
      if (Object.hasOwn(object, key)) throw invalid(`duplicate key "${key}"`, pointer);
      define(object, key, readPlain(item, `${pointer}/${key}`));
    }
    return object;
  }
  throw invalid('value has no JSON form (byte string, tag or undefined)', pointer);
}

function readTerm(value: CborValue, terms: readonly string[], pointer: string): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid('expected a table index', pointer);
  }
  const term = terms[value];
  if (term === undefined) {
    throw new CompactDecodeError('ERR_COMPACT_UNKNOWN_CODE', `unknown code ${value} (table has ${terms.length})`, {
      pointer,
    });
  }
  return term;
}

function readPrefixed(value: CborValue, terms: readonly string[], pointer: string): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3)) {
    throw invalid('expected text or a [prefix, rest] array', pointer);
  }
  const prefix = readTerm(value[0] as CborValue, terms, pointer);
  const rest = value[value.length - 1] as CborValue;
  let suffix: string | undefined;
  if (typeof rest === 'string' && value.length === 2) suffix = rest;
  if (rest instanceof Uint8Array) suffix = readDigits(rest);
  if (suffix === undefined) throw invalid('invalid rest of a prefixed value', pointer);
  if (value.length === 2) return prefix + suffix;

  const maskLength = value[1] as CborValue;
  if (typeof maskLength !== 'number' || !Number.isSafeInteger(maskLength) || maskLength < 1 || maskLength > 64) {
    throw invalid('invalid mask length of a prefixed value', pointer);
  }
  return prefix + 'X'.repeat(maskLength) + suffix;
}

function readVerificationMethod(value: CborValue, root: RootValues, pointer: string): string {
  if (root.issuer === undefined) throw invalid('relative verification method without an issuer', pointer);
  if (typeof value === 'string') return `${root.issuer}#${value}`;
  const fragment = value instanceof Uint8Array ? readMultibase(value) : undefined;
  if (fragment === undefined) throw invalid('expected a key fragment', pointer);
  return `${root.issuer}#${fragment}`;
}

function readString(value: CborValue, codec: SlotCodec, root: RootValues, pointer: string): string | undefined {
  switch (codec.kind) {
    case 'term':
      return readTerm(value, codec.terms, pointer);
    case 'uuid':
      return value instanceof Uint8Array ? readUuid(value) : undefined;
    case 'dateTime':
      return typeof value === 'number' ? readDateTime(value) : undefined;
    case 'created':
      if (value === true) {
        if (root.validFrom === undefined) throw invalid('creation time refers to a missing validFrom', pointer);
        return root.validFrom;
      }
      return typeof value === 'number' ? readDateTime(value) : undefined;
    case 'date':
      return typeof value === 'number' ? readDate(value) : undefined;
    case 'digits':
      return value instanceof Uint8Array ? readDigits(value) : undefined;
    case 'prefixed':
      return readPrefixed(value, codec.terms, pointer);
    case 'verificationMethod':
      return readVerificationMethod(value, root, pointer);
    case 'multibase':
      return value instanceof Uint8Array ? readMultibase(value) : undefined;
    default:
      return undefined;
  }
}

function readSlot(value: CborValue, codec: SlotCodec, root: RootValues, pointer: string): unknown {
  if (value instanceof CborTagged) {
    // The encoder writes a literal only where the codec cannot, never in an `any` slot.
    if (codec.kind === 'any') throw invalid('literal tag in a plain slot', pointer);
    const literal = readPlain(value.content, pointer);
    // A literal that the codec could write is a second encoding of the same credential.
    // Refusing it keeps one byte string per credential, as the encoder produces it.
    let coded: CborValue | undefined;
    try {
      coded = writeWithCodec(literal, codec, { issuer: root.issuer, validFrom: root.validFrom }, pointer);
    } catch {
      coded = undefined;
    }
    if (coded !== undefined) throw invalid(`literal tag around a value the ${codec.kind} codec covers`, pointer);
    return literal;
  }
  if (codec.kind === 'any') return readPlain(value, pointer);
  if (codec.kind === 'shape') return readShape(value, codec.shape, root, pointer);
  if (codec.kind === 'shapeList') {
    if (!Array.isArray(value)) throw invalid('expected an array of objects', pointer);
    return value.map((item, index) => readShape(item as CborValue, codec.shape, root, `${pointer}/${index}`));
  }
  if (codec.kind === 'termList') {
    if (!Array.isArray(value)) throw invalid('expected an array of table indexes', pointer);
    return value.map((item, index) => readTerm(item as CborValue, codec.terms, `${pointer}/${index}`));
  }
  const text = readString(value, codec, root, pointer);
  if (text === undefined) throw invalid(`value does not fit the ${codec.kind} codec`, pointer);
  return text;
}

function readExtras(value: CborValue, object: Record<string, unknown>, slotKeys: Set<string>, pointer: string): void {
  if (!(value instanceof CborMap) || value.entries.length === 0) {
    throw invalid('expected a non-empty map of further properties', pointer);
  }
  const extras = readPlain(value, pointer) as Record<string, unknown>;
  for (const [key, item] of Object.entries(extras)) {
    if (slotKeys.has(key)) throw invalid(`property "${key}" has a slot and must not repeat`, pointer);
    define(object, key, item);
  }
}

function readShape(value: CborValue, shape: ShapeName, root: RootValues, pointer: string): Record<string, unknown> {
  const slots = SHAPES[shape];
  if (!Array.isArray(value) || value.length > slots.length + 1) {
    throw invalid(`expected an array of at most ${slots.length + 1} items`, pointer);
  }
  const items = value as readonly CborValue[];
  const hasExtras = items.length === slots.length + 1;
  if (!hasExtras && items.length > 0 && items[items.length - 1] === ABSENT) {
    throw invalid('trailing absent slot', pointer);
  }

  const object: Record<string, unknown> = {};
  for (const [index, { key, codec }] of slots.entries()) {
    const item = items[index];
    if (item === undefined || item === ABSENT) continue;
    const property = readSlot(item, codec, root, `${pointer}/${key}`);
    define(object, key, property);
    if (shape === 'credential' && (key === 'issuer' || key === 'validFrom') && typeof property === 'string') {
      root[key] = property;
    }
  }
  if (hasExtras) readExtras(items[slots.length]!, object, new Set(slots.map(({ key }) => key)), pointer);
  return object;
}

/**
 * Decodes the CBOR of the compact QR format back into the credential that
 * {@link encodeCompactCredential} was given. Decoding is strict: malformed or non-minimal
 * CBOR, unknown tags and codes, and values that do not fit their slot are errors.
 *
 * @throws {CompactDecodeError} with one of the codes of {@link CompactDecodeErrorCode}.
 */
export function decodeCompactCredential(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.length > MAX_COMPACT_CREDENTIAL_BYTES) {
    throw new CompactDecodeError(
      'ERR_COMPACT_TOO_LARGE',
      `compact credential of ${bytes.length} bytes exceeds the ${MAX_COMPACT_CREDENTIAL_BYTES}-byte limit`,
    );
  }
  const value = readCbor(bytes, { maxDepth: MAX_COMPACT_DEPTH });
  return readShape(value, 'credential', {}, '');
}
