import type { CheckCode, VerificationCheck } from '../result.js';

/** Status purposes a vaxcert verifier evaluates, with the check code of each. */
export const CHECK_CODES = { revocation: 'REVOCATION', suspension: 'SUSPENSION' } as const satisfies Record<
  string,
  CheckCode
>;

export type CheckedPurpose = keyof typeof CHECK_CODES;

/** One `BitstringStatusListEntry` of a credential, checked for shape. */
export interface ParsedEntry {
  readonly statusPurpose: CheckedPurpose;
  readonly statusListCredential: string;
  readonly statusListIndex: number;
  /** JSON Pointer of the entry in the credential. */
  readonly pointer: string;
}

/** The entries of a credential, or the failing checks that describe why they are invalid. */
export type ParseEntriesResult = { entries: ParsedEntry[] } | { failures: VerificationCheck[] };

const INDEX_PATTERN = /^(0|[1-9]\d{0,14})$/;

function isAbsoluteUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads `credentialStatus` (one entry or an array) and checks every entry: type
 * `BitstringStatusListEntry`, purpose revocation or suspension, at most one entry per
 * purpose, an absolute list URL different from the entry `id`, and a decimal index.
 */
export function parseStatusEntries(credentialStatus: unknown): ParseEntriesResult {
  if (credentialStatus === undefined) return { entries: [] };
  const raw = Array.isArray(credentialStatus) ? credentialStatus : [credentialStatus];
  const entries: ParsedEntry[] = [];
  const failures: VerificationCheck[] = [];

  raw.forEach((entry: unknown, position) => {
    const pointer = Array.isArray(credentialStatus) ? `/credentialStatus/${position}` : '/credentialStatus';
    const fail = (message: string, code: CheckCode = 'REVOCATION', field = '') =>
      failures.push({ code, passed: false, message, pointer: `${pointer}${field}` });
    if (typeof entry !== 'object' || entry === null) return fail('status entry is not an object');

    const { type, statusPurpose, statusListCredential, statusListIndex, id } = entry as Record<string, unknown>;
    if (type !== 'BitstringStatusListEntry') {
      return fail(`status entry type "${String(type)}" is not supported`, 'REVOCATION', '/type');
    }
    if (statusPurpose !== 'revocation' && statusPurpose !== 'suspension') {
      return fail(`status purpose "${String(statusPurpose)}" is not supported`, 'REVOCATION', '/statusPurpose');
    }
    const code = CHECK_CODES[statusPurpose];
    if (entries.some((other) => other.statusPurpose === statusPurpose)) {
      return fail(`credential has more than one ${statusPurpose} entry`, code, '/statusPurpose');
    }
    if (!isAbsoluteUrl(statusListCredential)) {
      return fail('statusListCredential is not an absolute URL', code, '/statusListCredential');
    }
    if (id === statusListCredential) {
      return fail('status entry id must differ from statusListCredential', code, '/id');
    }
    if (typeof statusListIndex !== 'string' || !INDEX_PATTERN.test(statusListIndex)) {
      return fail('statusListIndex is not a decimal integer string', code, '/statusListIndex');
    }
    entries.push({ statusPurpose, statusListCredential, statusListIndex: Number(statusListIndex), pointer });
  });

  return failures.length > 0 ? { failures } : { entries };
}
