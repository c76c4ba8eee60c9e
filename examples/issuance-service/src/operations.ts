import {
  IssuerError,
  RequestValidationError,
  correctCertificate,
  revokeBeneficiaryDoses,
  type CertificateRecord,
  type CertificateRegistry,
  type IssuerDidDocument,
  type IssuerKey,
  type StatusListManager,
} from '@vaxcert/issuer-sdk';
import type { CertifyRequest, StatusListEntry, VaccinationCredential } from '@vaxcert/schemas';
import type { Logger } from 'pino';

import type { ServiceConfig } from './config.js';
import { stableStringify, validateRequest } from './intake/requests.js';
import { certificateEvent } from './signing/process.js';
import type { CertificateRow, Repository } from './storage/repository.js';

/** The parts of a running service that request handlers and tools share. */
export interface Service {
  readonly config: ServiceConfig;
  readonly repository: Repository;
  readonly key: IssuerKey;
  readonly didDocument: IssuerDidDocument;
  readonly statusManager: StatusListManager;
  readonly logger: Logger;
}

/** Error of an operation, with the HTTP status it maps to. */
export class OperationError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly { pointer: string; message: string }[],
  ) {
    super(message);
  }
}

function entriesOf(row: CertificateRow): StatusListEntry[] {
  return JSON.parse(row.credentialStatus) as StatusListEntry[];
}

/** The SDK's certificate registry, read from the certificates table. */
export function createRegistry(repository: Repository): CertificateRegistry {
  return {
    async add(record: CertificateRecord) {
      // The repository writes certificates itself; this only checks the record is one of them.
      const stored = await repository.getCertificate(record.certificateId);
      if (stored === undefined || stored.beneficiaryId !== record.beneficiaryId || stored.dose !== record.dose) {
        throw new TypeError(`certificate "${record.certificateId}" is not stored for this beneficiary and dose`);
      }
    },
    async find(query) {
      const rows = await repository.certificatesOfDose(query.beneficiaryId, query.dose);
      return rows.map((row) => ({
        certificateId: row.certificateId,
        beneficiaryId: row.beneficiaryId,
        dose: row.dose,
        credentialStatus: entriesOf(row),
      }));
    },
  };
}

/** Returns a certificate with its revocation and suspension state. */
export async function describeCertificate(service: Service, row: CertificateRow) {
  const status = await service.statusManager.getStatus({ credentialStatus: entriesOf(row) });
  return {
    certificateId: row.certificateId,
    programme: row.programme,
    dose: row.dose,
    issuedAt: new Date(row.issuedAt).toISOString(),
    revoked: status.revoked,
    suspended: status.suspended,
    credential: JSON.parse(row.credential) as VaccinationCredential,
    qrPayload: row.qrPayload,
  };
}

/**
 * Replaces the current certificate of the request's dose with a corrected one. The new
 * certificate names the old one, the old one is revoked, and the new one becomes current.
 *
 * @throws {OperationError} 400 invalid request, 404 no certificate, 412 correction limit
 *   reached, 409 revoked or concurrently corrected.
 */
export async function correct(service: Service, input: unknown) {
  const { repository, config } = service;
  const issues = validateRequest(input, new Date());
  if (issues.length > 0) throw new OperationError(400, 'invalid_request', 'invalid certify request', issues);

  const request = input as CertifyRequest;
  const programme = typeof request.programId === 'string' && request.programId !== '' ? request.programId : config.programme;
  const current = await repository.currentCertificate(programme, request.preEnrollmentCode, request.vaccination.dose);
  if (current === undefined) {
    throw new OperationError(404, 'not_found', `no certificate for beneficiary "${request.preEnrollmentCode}" dose ${request.vaccination.dose}`);
  }

  let corrected;
  try {
    corrected = await correctCertificate({
      current: JSON.parse(current.credential) as VaccinationCredential,
      request,
      key: service.key,
      statusManager: service.statusManager,
      corrections: repository.corrections,
      limit: config.correctionLimit,
      qrFormat: config.qrFormat,
      profile: config.credentialProfile,
    });
  } catch (error) {
    if (error instanceof RequestValidationError) throw new OperationError(400, 'invalid_request', error.message, error.issues);
    if (error instanceof IssuerError && error.code === 'ERR_CORRECTION_LIMIT') {
      throw new OperationError(412, 'correction_limit', `${error.message}; the dose cannot be corrected again under CORRECTION_LIMIT, and a wrong certificate can only be revoked`);
    }
    if (error instanceof IssuerError && error.code === 'ERR_STATUS_TRANSITION') throw new OperationError(409, 'revoked', error.message);
    throw error;
  }

  const now = Date.now();
  const evidence = corrected.credential.evidence[0];
  const row: CertificateRow = {
    ...current,
    certificateId: corrected.certificateId,
    current: true,
    trackingId: null,
    request: stableStringify({ ...request, meta: { ...request.meta, previousCertificateId: current.certificateId } }),
    credential: JSON.stringify(corrected.credential),
    qrPayload: corrected.qrPayload,
    credentialStatus: JSON.stringify(corrected.credential.credentialStatus),
    vaccine: evidence.vaccine,
    certificateKind: evidence.certificateKind,
    region: request.recipient.address?.state ?? null,
    issuedAt: now,
    replacedBy: null,
  };
  // NOTE: correctCertificate has already revoked the old certificate; if this process stops
  // before the next line commits, the dose keeps the revoked certificate as its current one.
  const replaced = await repository.replaceCurrent(current.certificateId, row, [certificateEvent('corrected', corrected.credential, now)]);
  if (!replaced) throw new OperationError(409, 'conflict', `certificate "${current.certificateId}" was replaced concurrently`);
  // A revocation of the dose that began before this commit may not have seen the new
  // certificate, so the mark decides: a revoked dose keeps no certificate in force.
  if (await repository.isDoseRevoked(request.preEnrollmentCode, request.vaccination.dose)) {
    await service.statusManager.revoke({ credentialStatus: corrected.credential.credentialStatus ?? [] });
    service.logger.warn({ certificateId: corrected.certificateId }, 'correction revoked: its dose was revoked meanwhile');
    throw new OperationError(409, 'revoked', `dose ${request.vaccination.dose} was revoked while it was being corrected; the correction ${corrected.certificateId} is revoked too`);
  }
  service.logger.info({ certificateId: corrected.certificateId, previousCertificateId: current.certificateId }, 'certificate corrected');
  return { certificateId: corrected.certificateId, previousCertificateId: current.certificateId, qrPayload: corrected.qrPayload, credential: corrected.credential };
}

/** Passes of a revocation over the certificates of its doses, for corrections committed meanwhile. */
const MAX_REVOCATION_PASSES = 5;

/** Revokes every certificate, corrected ones included, of the given doses of a beneficiary. */
export async function revoke(service: Service, beneficiaryId: string, doses: number[]) {
  const { repository } = service;
  const readDoses = async () => (await Promise.all(doses.map((dose) => repository.certificatesOfDose(beneficiaryId, dose)))).flat();
  const current = await readDoses();
  if (current.length === 0) {
    throw new OperationError(404, 'not_found', `no certificate for beneficiary "${beneficiaryId}" and doses ${doses.join(',')}`);
  }

  // The mark comes first. A correction that commits after it finds the mark and revokes its
  // own certificate, and the passes below find one that committed before it.
  await repository.markDosesRevoked(beneficiaryId, doses, Date.now());
  const revoked = new Set<string>();
  for (let pass = 1; pass <= MAX_REVOCATION_PASSES; pass += 1) {
    try {
      const ids = await revokeBeneficiaryDoses({ beneficiaryId, doses, registry: createRegistry(repository), statusManager: service.statusManager });
      for (const id of ids) revoked.add(id);
    } catch (error) {
      if (error instanceof IssuerError && error.code === 'ERR_CERTIFICATE_NOT_FOUND') throw new OperationError(404, 'not_found', error.message);
      throw error;
    }
    const unrevoked = (await readDoses()).filter((row) => !revoked.has(row.certificateId));
    if (unrevoked.length === 0) break;
    if (pass === MAX_REVOCATION_PASSES) {
      throw new OperationError(503, 'busy', `certificates of the doses kept changing during revocation; retry: ${unrevoked.map((row) => row.certificateId).join(', ')}`);
    }
  }
  const now = Date.now();
  const events = current.flat().filter((row) => row.current).map((row) => certificateEvent('revoked', JSON.parse(row.credential) as VaccinationCredential, now));
  await service.repository.recordEvents(events);
  service.logger.info({ beneficiaryId, doses, certificateIds: [...revoked] }, 'certificates revoked');
  return [...revoked];
}

/** Suspends or reinstates the current certificates of the given doses (all doses when empty). */
export async function changeSuspension(service: Service, beneficiaryId: string, doses: number[], action: 'suspend' | 'reinstate') {
  const all = await service.repository.currentCertificates(beneficiaryId);
  const selected = doses.length === 0 ? all : all.filter((row) => doses.includes(row.dose));
  if (selected.length === 0) throw new OperationError(404, 'not_found', `no current certificate for beneficiary "${beneficiaryId}" and doses ${doses.join(',') || 'any'}`);

  for (const row of selected) {
    try {
      await service.statusManager[action]({ credentialStatus: entriesOf(row) });
    } catch (error) {
      if (error instanceof IssuerError && error.code === 'ERR_STATUS_TRANSITION') throw new OperationError(409, 'revoked', error.message);
      throw error;
    }
  }
  const now = Date.now();
  const event = action === 'suspend' ? 'suspended' : 'reinstated';
  await service.repository.recordEvents(selected.map((row) => certificateEvent(event, JSON.parse(row.credential) as VaccinationCredential, now)));
  service.logger.info({ beneficiaryId, certificateIds: selected.map((row) => row.certificateId) }, `certificates ${event}`);
  return selected.map((row) => row.certificateId);
}
