import { readFileSync } from 'node:fs';

import type { CertifyRequest } from '@vaxcert/schemas';

const vectors = new URL('../../../test-vectors/sample/', import.meta.url);

/** Reads a JSON Lines file from the sample test vectors. */
export function readJsonLines<T>(name: string): T[] {
  return readFileSync(new URL(name, vectors), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** One edge case: a request and the outcome it must have. */
export interface EdgeCase {
  description: string;
  expect: string;
  field?: string;
  request: CertifyRequest;
}

/** Fixed clock of the tests: after every sample vaccination. */
export const NOW = new Date('2026-06-01T00:00:00Z');
