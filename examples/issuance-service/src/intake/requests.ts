import { createHash, randomUUID } from 'node:crypto';

import { validateCertifyRequest } from '@vaxcert/issuer-sdk';
import { createVaccineCatalog, type CertifyRequest } from '@vaxcert/schemas';

import type { NewRequest } from '../storage/repository.js';

const vaccines = createVaccineCatalog();

/** One problem in a call's body: a JSON Pointer into the body and a message. */
export interface BodyIssue {
  readonly pointer: string;
  readonly message: string;
}

/** Serialises JSON with object keys sorted, so equal requests give equal text. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Returns the SHA-256 of a text as lowercase hex. */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Validates one certify request with the issuer SDK's rules; pointers are relative to it. */
export function validateRequest(request: unknown, now: Date): BodyIssue[] {
  return validateCertifyRequest(request, { now, vaccines });
}

/** Builds the stored form of a valid certify request. */
export function toNewRequest(
  request: CertifyRequest,
  options: { programme: string; webhookUrl: string | null },
): NewRequest {
  const payload = stableStringify(request);
  const programme = typeof request.programId === 'string' && request.programId !== '' ? request.programId : options.programme;
  return {
    trackingId: randomUUID(),
    idempotencyKey: sha256Hex(`${programme}\n${payload}`),
    programme,
    beneficiaryId: request.preEnrollmentCode,
    dose: request.vaccination.dose,
    payload,
    webhookUrl: options.webhookUrl,
  };
}

/**
 * Validates every request of a call. Returns the issues of all of them, with pointers
 * prefixed by the item's index, or an empty list when all are valid.
 */
export function validateBatch(body: readonly unknown[], now: Date): BodyIssue[] {
  const issues: BodyIssue[] = [];
  body.forEach((request, index) => {
    for (const issue of validateRequest(request, now)) {
      issues.push({ pointer: `/${index}${issue.pointer}`, message: issue.message });
    }
  });
  return issues;
}
