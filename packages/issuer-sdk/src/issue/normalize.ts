/** Deepest nesting of objects and arrays a certify request may have. */
export const MAX_REQUEST_DEPTH = 32;

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A text problem found while normalising, with the JSON Pointer of the value. */
export class TextNormalizationError extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}

function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Returns a deep copy of a JSON value with every string in Unicode Normalization Form C,
 * so the same text typed on different keyboards signs to the same bytes. The input is
 * never modified. A `__proto__` key is copied as an ordinary property, so validation reports
 * it instead of it replacing the copy's prototype.
 *
 * @throws {TextNormalizationError} for a string with an unpaired surrogate, which
 *   canonicalisation would turn into U+FFFD, a string with U+0000, or nesting deeper than
 *   {@link MAX_REQUEST_DEPTH}.
 */
export function normalizeText<T>(value: T, pointer = '', depth = 0): T {
  if (typeof value === 'string') {
    if (UNPAIRED_SURROGATE.test(value)) throw new TextNormalizationError(pointer, 'contains an unpaired surrogate');
    // Databases such as PostgreSQL cannot store U+0000 in text, and no field needs it.
    if (value.includes('\u0000')) throw new TextNormalizationError(pointer, 'contains the character U+0000');
    return value.normalize('NFC') as T;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_REQUEST_DEPTH) {
    throw new TextNormalizationError(pointer, `is nested deeper than ${MAX_REQUEST_DEPTH} levels`);
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown, index) => normalizeText(item, childPointer(pointer, index), depth + 1)) as T;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const normalized = normalizeText(key, pointer, depth);
    Object.defineProperty(copy, normalized, {
      value: normalizeText(item, childPointer(pointer, key), depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy as T;
}
