import type { VerificationCheck } from '../result.js';

/** Checks `validFrom` and `validUntil` against the clock, with a tolerance for skew. */
export function checkValidity(
  credential: { validFrom?: unknown; validUntil?: unknown },
  now: Date,
  maxClockSkewMs: number,
): { checks: VerificationCheck[]; notYetValid: boolean; expired: boolean } {
  const checks: VerificationCheck[] = [];
  const time = now.getTime();
  const validFrom = typeof credential.validFrom === 'string' ? Date.parse(credential.validFrom) : NaN;
  const notYetValid = !(validFrom <= time + maxClockSkewMs);
  checks.push(
    notYetValid
      ? { code: 'VALID_FROM', passed: false, message: `not valid before ${String(credential.validFrom)}`, pointer: '/validFrom' }
      : { code: 'VALID_FROM', passed: true, message: 'validFrom has passed' },
  );

  let expired = false;
  if (credential.validUntil !== undefined) {
    const text = typeof credential.validUntil === 'string' ? credential.validUntil : 'an invalid time';
    const validUntil = Date.parse(text);
    expired = !(validUntil >= time - maxClockSkewMs);
    checks.push(
      expired
        ? { code: 'VALID_UNTIL', passed: false, message: `expired at ${text}`, pointer: '/validUntil' }
        : { code: 'VALID_UNTIL', passed: true, message: 'validUntil has not passed' },
    );
  }
  return { checks, notYetValid, expired };
}
