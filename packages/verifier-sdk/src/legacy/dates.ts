import type { CheckLog, StepFailed } from './checks.js';
import type { LegacyCredential } from './credential.js';

/**
 * Checks `issuanceDate` and `expirationDate`, each only when present. The evidence dates
 * `effectiveStart` and `effectiveUntil` are not validity dates: Co-WIN sets both to the day of
 * vaccination, and the signature does not bind them (they share one IRI with `date`).
 */
export function checkValidityDates(
  credential: LegacyCredential,
  now: Date,
  log: CheckLog,
): true | StepFailed {
  const { issuanceDate, expirationDate } = credential;
  if (issuanceDate !== undefined) {
    const issued = parseDate(issuanceDate);
    if (issued === undefined) {
      const message = '"issuanceDate" is not a date-time';
      return log.fail('malformed', 'VALID_FROM', message, '/issuanceDate');
    }
    if (issued > now.getTime()) {
      const message = `credential is valid from ${issuanceDate as string}`;
      return log.fail('not_yet_valid', 'VALID_FROM', message, '/issuanceDate');
    }
    log.pass('VALID_FROM', `credential is valid from ${issuanceDate as string}`);
  }

  if (expirationDate !== undefined) {
    const expires = parseDate(expirationDate);
    if (expires === undefined) {
      const message = '"expirationDate" is not a date-time';
      return log.fail('malformed', 'VALID_UNTIL', message, '/expirationDate');
    }
    if (expires <= now.getTime()) {
      const message = `credential expired at ${expirationDate as string}`;
      return log.fail('expired', 'VALID_UNTIL', message, '/expirationDate');
    }
    log.pass('VALID_UNTIL', `credential is valid until ${expirationDate as string}`);
  }
  return true;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function parseDate(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) return undefined;

  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}
