import { checkCertifyRequestShape, type CertifyRequest, type VaccineCatalog } from '@vaxcert/schemas';

import type { RequestIssue } from '../errors.js';
import { ageOn } from './build-credential.js';
import { normalizeText, TextNormalizationError } from './normalize.js';

// C0 and C1 controls, and the bidirectional embeddings, overrides and isolates. Matching
// control characters is the point of this expression.
// eslint-disable-next-line no-control-regex
const FORMATTING_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Lists every text of a request that the certificate shows, with its JSON Pointer. */
function displayedText(request: CertifyRequest): [string, unknown][] {
  const { recipient, vaccination, vaccinator, facility } = request;
  const address = (prefix: string, value: CertifyRequest['recipient']['address']) =>
    Object.entries(value ?? {}).map(([key, text]): [string, unknown] => [`${prefix}/${key}`, text]);
  return [
    ['/preEnrollmentCode', request.preEnrollmentCode],
    ['/recipient/name', recipient.name],
    ['/recipient/gender', recipient.gender],
    ['/recipient/nationality', recipient.nationality],
    ['/recipient/identity', recipient.identity],
    ...address('/recipient/address', recipient.address),
    ['/vaccination/name', vaccination.name],
    ['/vaccination/batch', vaccination.batch],
    ['/vaccination/manufacturer', vaccination.manufacturer],
    ['/vaccinator/name', vaccinator.name],
    ['/vaccinator/id', vaccinator.id],
    ['/facility/name', facility.name],
    ['/facility/id', facility.id],
    ...address('/facility/address', facility.address),
  ];
}

/** Highest age in years a certificate can state. */
const MAX_AGE = 150;


/** Options of {@link validateCertifyRequest}. */
export interface ValidateOptions {
  /** Clock for the "not in the future" checks; defaults to the current time. */
  readonly now?: Date;
  /** Vaccine catalog the brand must be found in. */
  readonly vaccines: VaccineCatalog;
  /** Tolerated clock difference with the sender, in milliseconds; defaults to 5 minutes. */
  readonly maxClockSkewMs?: number;
}

/** Form of every certificate ID: a random (version 4) UUID URN. */
export const CERTIFICATE_ID_PATTERN =
  /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Returns the calendar date (`YYYY-MM-DD`) written in an ISO 8601 date or date-time. */
export function calendarDate(value: string): string {
  return value.slice(0, 10);
}

/**
 * Validates a certify request: its shape against the JSON Schema, then the rules that
 * span fields. Returns every issue found, or an empty list.
 */
export function validateCertifyRequest(request: unknown, options: ValidateOptions): RequestIssue[] {
  const shapeIssues = checkCertifyRequestShape(request).map(({ pointer, message }) => ({ pointer, message }));
  if (shapeIssues.length > 0) return shapeIssues;
  const textIssues = checkText(request);
  if (textIssues.length > 0) return textIssues;
  return checkRules(request as CertifyRequest, options);
}

/**
 * Returns an issue for each string that `issue` would refuse to normalise: one with U+0000
 * or with an unpaired surrogate. The request has passed the shape check, so its nesting is
 * bounded by the schema.
 */
function checkText(request: unknown): RequestIssue[] {
  const issues: RequestIssue[] = [];
  const walk = (value: unknown, pointer: string): void => {
    if (typeof value === 'string') {
      try {
        normalizeText(value, pointer);
      } catch (error) {
        if (!(error instanceof TextNormalizationError)) throw error;
        issues.push({ pointer: error.pointer, message: error.message });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${pointer}/${index}`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  walk(request, '');
  return issues;
}

function checkRules(request: CertifyRequest, options: ValidateOptions): RequestIssue[] {
  const issues: RequestIssue[] = [];
  const now = options.now ?? new Date();
  const skew = options.maxClockSkewMs ?? 5 * 60 * 1000;
  const { recipient, vaccination } = request;
  const vaccinationDay = calendarDate(vaccination.date);

  // A vaccination cannot be recorded before it happened.
  if (Date.parse(vaccination.date) > now.getTime() + skew) {
    issues.push({ pointer: '/vaccination/date', message: 'must not be in the future' });
  }

  // The vaccinated person must have been born by the vaccination date.
  if (recipient.dob !== undefined && recipient.dob > vaccinationDay) {
    issues.push({ pointer: '/recipient/dob', message: 'must not be after the vaccination date' });
  }

  // Text printed on the certificate may not hold control characters or bidirectional
  // formatting characters, which could make it display differently from what is signed.
  for (const [pointer, value] of displayedText(request)) {
    if (typeof value === 'string' && FORMATTING_CHARACTERS.test(value)) {
      issues.push({ pointer, message: 'must not contain control characters or bidirectional formatting characters' });
    }
  }

  // The credential schema caps the age at 150 years.
  const age = recipient.dob !== undefined ? ageOn(recipient.dob, vaccinationDay) : Number(recipient.age);
  if (age > MAX_AGE) {
    const pointer = recipient.dob !== undefined ? '/recipient/dob' : '/recipient/age';
    issues.push({ pointer, message: `gives an age of ${age} on the vaccination date, more than ${MAX_AGE}` });
  }

  // The protection period cannot end before it starts.
  if (
    vaccination.effectiveStart !== undefined &&
    vaccination.effectiveUntil !== undefined &&
    vaccination.effectiveUntil < vaccination.effectiveStart
  ) {
    issues.push({ pointer: '/vaccination/effectiveUntil', message: 'must not be before effectiveStart' });
  }

  // The brand decides the prophylaxis and ICD-11 code printed on the certificate.
  if (options.vaccines.find(vaccination.name) === undefined) {
    issues.push({
      pointer: '/vaccination/name',
      message: `unknown vaccine "${vaccination.name}"; known: ${options.vaccines.names().join(', ')}`,
    });
  }

  // A correction links to a certificate this SDK issued, named by its `urn:uuid:` ID.
  const previous = request.meta?.previousCertificateId;
  if (previous !== undefined && !CERTIFICATE_ID_PATTERN.test(previous)) {
    issues.push({
      pointer: '/meta/previousCertificateId',
      message: 'must be a certificate ID of the form urn:uuid:<UUID v4>',
    });
  }

  // International certificates identify the holder by date of birth and travel document.
  if (request.meta?.certificateType === 'international') {
    if (recipient.dob === undefined) {
      issues.push({ pointer: '/recipient/dob', message: 'is required for an international certificate' });
    }
    if (recipient.identity === undefined || recipient.identity.trim() === '') {
      issues.push({
        pointer: '/recipient/identity',
        message: 'a passport or other document number is required for an international certificate',
      });
    }
  }
  return issues;
}
