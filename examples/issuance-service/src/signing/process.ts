import type { StatusListManager } from '@vaxcert/issuer-sdk';
import type { CertifyRequest, VaccinationCredential } from '@vaxcert/schemas';
import type { Logger } from 'pino';

import type { ServiceConfig } from '../config.js';
import type { AnalyticsEvent, Claim, Repository } from '../storage/repository.js';
import type { SigningPool } from './pool.js';

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

/** Serialises status entry allocation in this process, so allocations do not collide on one list. */
let allocationTail: Promise<unknown> = Promise.resolve();

function allocateSerially(manager: StatusListManager) {
  const next = allocationTail.then(() => manager.allocate());
  allocationTail = next.catch(() => undefined);
  return next;
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

async function reject(context: SignerContext, claim: Claim, request: CertifyRequest, reason: string, now: number) {
  const failed: AnalyticsEvent = {
    at: now,
    event: 'failed',
    vaccine: request.vaccination?.name ?? null,
    dose: request.vaccination?.dose ?? null,
    certificateKind: null,
    region: regionOf(request),
  };
  return context.repository.completeRejected(claim, reason, { events: [failed] }, now);
}

/**
 * Signs one claimed request and commits the certificate together with the request's new
 * state. A dose that already has a current certificate gets that certificate, unsigned again.
 */
export async function processClaim(context: SignerContext, claim: Claim): Promise<ClaimOutcome> {
  const { repository, logger } = context;
  const request = JSON.parse(claim.payload) as CertifyRequest;
  const trackingId = claim.trackingId;

  const existing = await repository.currentCertificate(claim.programme, claim.beneficiaryId, claim.dose);
  if (existing !== undefined) {
    const result = await repository.completeIssued(claim, null, { events: [] }, Date.now());
    if (result === undefined) return { kind: 'lease-lost', trackingId };
    return { kind: 'issued', trackingId, certificateId: result.certificateId, duplicate: true };
  }

  // NOTE: entries allocated here stay allocated, unused, when signing fails or the dose turns
  // out to be issued by another signer; the list only loses those indexes.
  const credentialStatus = await allocateSerially(context.statusManager);
  const now = Date.now();
  const signed = await context.pool.sign({ payload: claim.payload, credentialStatus, now });

  if (!signed.ok) {
    const detail = signed.issues.map((issue) => `${issue.pointer} ${issue.message}`).join('; ');
    const reason = detail === '' ? signed.message : detail;
    if (signed.permanent || claim.attempts >= context.config.maxAttempts) {
      const stored = await reject(context, claim, request, reason, Date.now());
      return stored ? { kind: 'rejected', trackingId, reason } : { kind: 'lease-lost', trackingId };
    }
    const retryAt = Date.now() + retryDelayMs(claim.attempts);
    await repository.releaseClaim(claim, reason, retryAt, Date.now());
    logger.warn({ trackingId, attempts: claim.attempts, code: signed.code, retryAt }, 'signing failed, will retry');
    return { kind: 'retry', trackingId, reason };
  }

  const credential = JSON.parse(signed.credential) as VaccinationCredential;
  const evidence = credential.evidence[0];
  const certificate = {
    certificateId: signed.certificateId,
    programme: claim.programme,
    beneficiaryId: claim.beneficiaryId,
    dose: claim.dose,
    current: true,
    trackingId,
    request: claim.payload,
    credential: signed.credential,
    qrPayload: signed.qrPayload,
    credentialStatus: JSON.stringify(credentialStatus),
    vaccine: evidence.vaccine,
    certificateKind: evidence.certificateKind,
    region: regionOf(request),
    issuedAt: now,
    replacedBy: null,
  };
  const committed = await repository.completeIssued(
    claim,
    certificate,
    { events: [certificateEvent('issued', credential, now)] },
    Date.now(),
  );
  if (committed === undefined) return { kind: 'lease-lost', trackingId };
  return { kind: 'issued', trackingId, ...committed };
}
