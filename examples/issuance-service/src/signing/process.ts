import type { StatusListManager } from '@vaxcert/issuer-sdk';
import type { CertifyRequest, VaccinationCredential } from '@vaxcert/schemas';
import type { Logger } from 'pino';

import type { ServiceConfig } from '../config.js';
import {
  doseKey,
  type AnalyticsEvent,
  type CertificateRow,
  type Claim,
  type ClaimResult,
  type CommittedResult,
  type Repository,
} from '../storage/repository.js';
import type { SignResult, SigningPool } from './pool.js';

/** What became of a claimed request. */
export type ClaimOutcome =
  | { kind: 'issued'; trackingId: string; certificateId: string; duplicate: boolean }
  | { kind: 'rejected'; trackingId: string; reason: string }
  | { kind: 'retry'; trackingId: string; reason: string }
  | { kind: 'lease-lost'; trackingId: string };

/** Everything a signer needs to finish requests. */
export interface SignerContext {
  readonly config: ServiceConfig;
  readonly repository: Repository;
  readonly pool: SigningPool;
  readonly statusManager: StatusListManager;
  readonly logger: Logger;
}

function regionOf(request: CertifyRequest): string | null {
  return request.recipient.address?.state ?? null;
}

/** Returns the analytics event of a certificate, which names no person and no certificate. */
export function certificateEvent(event: AnalyticsEvent['event'], credential: VaccinationCredential, at: number): AnalyticsEvent {
  const evidence = credential.evidence[0];
  return {
    at,
    event,
    vaccine: evidence.vaccine,
    dose: evidence.dose,
    certificateKind: evidence.certificateKind,
    region: credential.credentialSubject.address?.state ?? null,
  };
}

/** Returns the delay before signing attempt `attempts + 1`: 1 s, 2 s, 4 s, … up to 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

function failedEvent(request: CertifyRequest, now: number): AnalyticsEvent {
  return {
    at: now,
    event: 'failed',
    vaccine: request.vaccination?.name ?? null,
    dose: request.vaccination?.dose ?? null,
    certificateKind: null,
    region: regionOf(request),
  };
}

/** Turns a worker's result for one claim into the result to commit. */
function resultOf(
  context: SignerContext,
  claim: Claim,
  signed: SignResult,
  credentialStatus: readonly object[],
  now: number,
): ClaimResult {
  const request = JSON.parse(claim.payload) as CertifyRequest;
  if (!signed.ok) {
    const detail = signed.issues.map((issue) => `${issue.pointer} ${issue.message}`).join('; ');
    const reason = detail === '' ? signed.message : detail;
    if (signed.permanent || claim.attempts >= context.config.maxAttempts) {
      return { kind: 'rejected', claim, reason, events: [failedEvent(request, now)] };
    }
    const retryAt = now + retryDelayMs(claim.attempts);
    context.logger.warn({ trackingId: claim.trackingId, attempts: claim.attempts, code: signed.code, retryAt }, 'signing failed, will retry');
    return { kind: 'retry', claim, reason, retryAt };
  }

  const region = regionOf(request);
  const certificate: CertificateRow = {
    certificateId: signed.certificateId,
    programme: claim.programme,
    beneficiaryId: claim.beneficiaryId,
    dose: claim.dose,
    current: true,
    trackingId: claim.trackingId,
    request: claim.payload,
    credential: signed.credential,
    qrPayload: signed.qrPayload,
    credentialStatus: JSON.stringify(credentialStatus),
    vaccine: signed.vaccine,
    certificateKind: signed.certificateKind,
    region,
    issuedAt: now,
    replacedBy: null,
  };
  const issued: AnalyticsEvent = {
    at: now,
    event: 'issued',
    vaccine: signed.vaccine,
    dose: claim.dose,
    certificateKind: signed.certificateKind,
    region,
  };
  return { kind: 'issued', claim, certificate, events: [issued] };
}

function outcomeOf(result: ClaimResult, committed: CommittedResult): ClaimOutcome {
  const trackingId = result.claim.trackingId;
  if (committed.kind === 'issued') {
    return { kind: 'issued', trackingId, certificateId: committed.certificateId, duplicate: committed.duplicate };
  }
  if (committed.kind === 'lease-lost') return { kind: 'lease-lost', trackingId };
  const reason = result.kind === 'issued' ? '' : result.reason;
  return committed.kind === 'rejected' ? { kind: 'rejected', trackingId, reason } : { kind: 'retry', trackingId, reason };
}

/**
 * Signs a batch of claimed requests and commits all their results in one transaction. Doses
 * that already have a current certificate get that one without signing again. The status
 * entries of the others are allocated together, with one save per status list, and the
 * requests are signed in parallel on the worker pool.
 */
export async function processBatch(context: SignerContext, claims: readonly Claim[]): Promise<ClaimOutcome[]> {
  if (claims.length === 0) return [];
  const { repository } = context;
  const existing = await repository.currentCertificateIds(claims);
  const toSign = claims.filter((claim) => !existing.has(doseKey(claim)));

  // NOTE: entries allocated here stay allocated and unused when signing fails, the process
  // stops before the commit, or another signer issues the dose first. The list loses those indexes.
  const entries = await context.statusManager.allocateBatch(toSign.length);
  const now = Date.now();
  const signed = await Promise.all(
    toSign.map((claim, index) => context.pool.sign({ payload: claim.payload, credentialStatus: entries[index]!, now })),
  );

  const results: ClaimResult[] = claims
    .filter((claim) => existing.has(doseKey(claim)))
    .map((claim) => ({ kind: 'issued', claim, certificate: null, events: [] }));
  toSign.forEach((claim, index) => results.push(resultOf(context, claim, signed[index]!, entries[index]!, now)));
  const committed = await repository.completeBatch(results, Date.now());
  return results.map((result, index) => outcomeOf(result, committed[index]!));
}
