import { VACCINATION_CREDENTIAL_CONTEXTS } from '@vaxcert/schemas';

import type { VerificationCheck } from '../result.js';

/** Looks for a JSON-LD keyword key anywhere but the top-level `@context`. */
function findKeyword(value: unknown, pointer: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findKeyword(item, `${pointer}/${index}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const path = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key.startsWith('@') && !(pointer === '' && key === '@context')) return path;
    const found = findKeyword(item, path);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Accepts a credential for JSON-LD processing only when its `@context` is exactly the
 * vaxcert list and no other JSON-LD keyword appears, so an attacker cannot bring in
 * contexts or keywords that change what the signed terms mean.
 */
export function checkJsonLd(credential: Record<string, unknown>): VerificationCheck {
  const contexts = credential['@context'];
  const expected = VACCINATION_CREDENTIAL_CONTEXTS;
  const exact =
    Array.isArray(contexts) &&
    contexts.length === expected.length &&
    contexts.every((url, index) => url === expected[index]);
  if (!exact) {
    return { code: 'JSONLD_CONTEXT', passed: false, message: '@context is not the vaxcert context list', pointer: '/@context' };
  }
  const keyword = findKeyword(credential, '');
  if (keyword !== undefined) {
    return { code: 'JSONLD_CONTEXT', passed: false, message: 'unexpected JSON-LD keyword', pointer: keyword };
  }
  return { code: 'JSONLD_CONTEXT', passed: true, message: 'contexts are the bundled vaxcert contexts' };
}
