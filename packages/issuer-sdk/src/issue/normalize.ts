/**
 * Returns a deep copy of a JSON value with every string in Unicode Normalization Form C,
 * so the same text typed on different keyboards signs to the same bytes. The input is
 * never modified.
 */
export function normalizeText<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => normalizeText(item)) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key.normalize('NFC')] = normalizeText(item);
    return copy as T;
  }
  return value;
}
