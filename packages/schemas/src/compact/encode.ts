import { ABSENT, CborMap, CborTagged, writeCbor, type CborValue } from './cbor.js';
import { MAX_COMPACT_CREDENTIAL_BYTES } from './limits.js';
import { LITERAL_TAG, SHAPES, type ShapeName, type SlotCodec } from './tables.js';
import { writeDate, writeDateTime, writeDigits, writeMultibase, writeUuid } from './values.js';

/** Values of the credential that other slots are written relative to. */
interface RootValues {
  readonly issuer: string | undefined;
  readonly validFrom: string | undefined;
}

const MASKED_DIGITS = /^(X+)([0-9]+)$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Writes any JSON value as plain CBOR: text keys, text strings, numbers, arrays, maps. */
function writePlain(value: unknown, pointer: string): CborValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${pointer || '/'} is not a finite number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => writePlain(item, `${pointer}/${index}`));
  if (isPlainObject(value)) {
    const entries: [string, CborValue][] = [];
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) entries.push([key, writePlain(item, `${pointer}/${key}`)]);
    }
    return new CborMap(entries);
  }
  throw new TypeError(`${pointer || '/'} is not a JSON value`);
}

function writePrefixed(value: string, terms: readonly string[]): CborValue {
  let best = -1;
  for (const [index, term] of terms.entries()) {
    if (value.startsWith(term) && (best < 0 || term.length > terms[best]!.length)) best = index;
  }
  if (best < 0) return value;
  const rest = value.slice(terms[best]!.length);
  const digits = writeDigits(rest);
  if (digits) return [best, digits];
  const masked = MASKED_DIGITS.exec(rest);
  if (masked) return [best, masked[1]!.length, writeDigits(masked[2]!)!];
  return [best, rest];
}

function writeVerificationMethod(value: string, root: RootValues): CborValue | undefined {
  if (root.issuer === undefined || !value.startsWith(`${root.issuer}#`)) return undefined;
  const fragment = value.slice(root.issuer.length + 1);
  return writeMultibase(fragment) ?? fragment;
}

/** Writes a value with its slot codec, or returns `undefined` when the codec does not cover it. */
export function writeWithCodec(value: unknown, codec: SlotCodec, root: RootValues, pointer: string): CborValue | undefined {
  if (codec.kind === 'any') return writePlain(value, pointer);
  if (codec.kind === 'shape') return isPlainObject(value) ? writeShape(value, codec.shape, root, pointer) : undefined;
  if (codec.kind === 'shapeList') {
    if (!Array.isArray(value) || !value.every(isPlainObject)) return undefined;
    return value.map((item, index) => writeShape(item, codec.shape, root, `${pointer}/${index}`));
  }
  if (codec.kind === 'termList') {
    if (!Array.isArray(value)) return undefined;
    const indexes = value.map((item) => (typeof item === 'string' ? codec.terms.indexOf(item) : -1));
    return indexes.every((index) => index >= 0) ? indexes : undefined;
  }
  if (typeof value !== 'string') return undefined;
  switch (codec.kind) {
    case 'term': {
      const index = codec.terms.indexOf(value);
      return index >= 0 ? index : undefined;
    }
    case 'uuid':
      return writeUuid(value);
    case 'dateTime':
      return writeDateTime(value);
    case 'created':
      return value === root.validFrom ? true : writeDateTime(value);
    case 'date':
      return writeDate(value);
    case 'digits':
      return writeDigits(value);
    case 'prefixed':
      return writePrefixed(value, codec.terms);
    case 'verificationMethod':
      return writeVerificationMethod(value, root);
    case 'multibase':
      return writeMultibase(value);
  }
}

function writeSlot(value: unknown, codec: SlotCodec, root: RootValues, pointer: string): CborValue {
  return writeWithCodec(value, codec, root, pointer) ?? new CborTagged(LITERAL_TAG, writePlain(value, pointer));
}

/**
 * Writes a known object as an array of its slots. An absent property is CBOR `undefined`,
 * and trailing absent slots are left out. Properties without a slot follow as one map.
 */
function writeShape(object: Record<string, unknown>, shape: ShapeName, root: RootValues, pointer: string): CborValue {
  const slots = SHAPES[shape];
  const items: CborValue[] = slots.map(({ key, codec }) =>
    Object.hasOwn(object, key) && object[key] !== undefined
      ? writeSlot(object[key], codec, root, `${pointer}/${key}`)
      : ABSENT,
  );
  const slotKeys = new Set(slots.map(({ key }) => key));
  const extras: [string, CborValue][] = [];
  for (const [key, value] of Object.entries(object)) {
    if (!slotKeys.has(key) && value !== undefined) extras.push([key, writePlain(value, `${pointer}/${key}`)]);
  }
  if (extras.length > 0) return [...items, new CborMap(extras)];
  while (items.length > 0 && items[items.length - 1] === ABSENT) items.pop();
  return items;
}

/**
 * Encodes a credential, signed or not, as the CBOR of the compact QR format (before
 * compression). Properties the tables do not know are kept as plain CBOR, so any JSON
 * object round-trips through {@link decodeCompactCredential}.
 *
 * @throws {TypeError} when the credential is not a JSON object (functions, `NaN`, class
 *   instances and the like have no compact form).
 * @throws {RangeError} when the encoding exceeds {@link MAX_COMPACT_CREDENTIAL_BYTES}.
 *
 * @example
 * const cbor = encodeCompactCredential(credential);
 * decodeCompactCredential(cbor); // deep-equals credential
 */
export function encodeCompactCredential(credential: Readonly<Record<string, unknown>>): Uint8Array {
  if (!isPlainObject(credential)) throw new TypeError('credential must be a JSON object');
  const root: RootValues = {
    issuer: typeof credential.issuer === 'string' ? credential.issuer : undefined,
    validFrom: typeof credential.validFrom === 'string' ? credential.validFrom : undefined,
  };
  const bytes = writeCbor(writeShape(credential, 'credential', root, ''));
  if (bytes.length > MAX_COMPACT_CREDENTIAL_BYTES) {
    throw new RangeError(
      `compact encoding of ${bytes.length} bytes exceeds the ${MAX_COMPACT_CREDENTIAL_BYTES}-byte limit`,
    );
  }
  return bytes;
}
