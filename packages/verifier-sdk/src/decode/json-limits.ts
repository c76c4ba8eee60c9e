/** Deepest nesting of arrays and objects a decoded credential may have. */
export const MAX_JSON_DEPTH = 32;

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Reason a parsed JSON value is rejected, with the JSON Pointer of the offending value. */
export interface JsonProblem {
  readonly pointer: string;
  readonly message: string;
}

function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Walks a parsed JSON value without recursion and returns the first problem: nesting deeper
 * than {@link MAX_JSON_DEPTH}, or a key or string with an unpaired surrogate. A `\uD800`-style
 * escape can put such a surrogate in a string, and canonicalisation turns it into U+FFFD, so
 * the string would verify against a signature made over U+FFFD.
 */
export function findJsonProblem(root: unknown): JsonProblem | undefined {
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value: root, pointer: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (UNPAIRED_SURROGATE.test(value)) return { pointer, message: 'string contains an unpaired surrogate escape' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { pointer, message: `value is nested deeper than ${MAX_JSON_DEPTH} levels` };
    for (const [key, item] of Object.entries(value)) {
      const path = childPointer(pointer, key);
      if (UNPAIRED_SURROGATE.test(key)) return { pointer: path, message: 'key contains an unpaired surrogate escape' };
      stack.push({ value: item, pointer: path, depth: depth + 1 });
    }
  }
  return undefined;
}
