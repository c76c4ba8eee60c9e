import type { CertifyRequest, VaccinationCredential } from '@vaxcert/schemas';

import { IssuerError } from '../errors.js';
import { issue, type IssueOptions, type IssueResult } from '../issue/issue.js';
import type { IssuerKey } from '../keys/issuer-key.js';
import type { StatusListManager } from '../status/manager.js';
import { certificateRecordOf, type CertificateRegistry } from '../status/registry.js';
import type { CorrectionStore } from './store.js';

/** Default maximum of corrections per dose, as Co-WIN allowed; `limit` overrides it. */
export const DEFAULT_CORRECTION_LIMIT = 1;

/** Options of {@link correctCertificate}. */
export interface CorrectCertificateOptions {
  /** The certificate being replaced; it is revoked once the new one is issued. */
  readonly current: VaccinationCredential;
  /**
   * The corrected certify request. Its beneficiary and dose must be the current
   * certificate's; `meta.previousCertificateId` is set by this function.
   */
  readonly request: CertifyRequest;
  readonly key: IssuerKey;
  readonly statusManager: StatusListManager;
  readonly corrections: CorrectionStore;
  /** Maximum corrections per dose; defaults to {@link DEFAULT_CORRECTION_LIMIT}. */
  readonly limit?: number;
  /** When given, the new certificate is added to it. */
  readonly registry?: CertificateRegistry;
  readonly now?: Date;
  /** QR payload format of the new certificate, as for `issue`; defaults to `plain`. */
  readonly qrFormat?: IssueOptions['qrFormat'];
  /** Set of fields of the new certificate, as for `issue`; defaults to `full`. */
  readonly profile?: IssueOptions['profile'];
}

/**
 * Issues a corrected certificate with a new certificate ID that names the previous one in
 * `evidence[0].previousCertificateId`, then revokes the previous certificate.
 *
 * @throws {IssuerError} `ERR_CORRECTION_LIMIT` when the dose was corrected `limit` times.
 * @throws {IssuerError} `ERR_STATUS_TRANSITION` when the current certificate is revoked.
 * @throws {RequestValidationError} `ERR_REQUEST_INVALID` when the corrected request is invalid.
 *
 * @example
 * const corrected = await correctCertificate({
 *   current: credential, request: fixedRequest, key, statusManager, corrections,
 * });
 */
export async function correctCertificate(options: CorrectCertificateOptions): Promise<IssueResult> {
  const { current, request, statusManager, corrections } = options;
  const limit = options.limit ?? DEFAULT_CORRECTION_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new TypeError(`"limit" must be a non-negative integer, got ${limit}`);
  }
  const previous = certificateRecordOf(current);
  if (request?.preEnrollmentCode !== previous.beneficiaryId) {
    throw new TypeError(
      `the corrected request is for beneficiary "${String(request?.preEnrollmentCode)}", not "${previous.beneficiaryId}"`,
    );
  }
  if (request.vaccination?.dose !== previous.dose) {
    throw new TypeError(
      `the corrected request is for dose ${String(request.vaccination?.dose)}, not ${previous.dose}; ` +
        'a wrong dose number is fixed by revoking the certificate and issuing a new one',
    );
  }

  const dose = { beneficiaryId: previous.beneficiaryId, dose: previous.dose };
  if ((await corrections.count(dose)) >= limit) throw limitError(previous.certificateId, limit);
  if ((await statusManager.getStatus(previous)).revoked) {
    throw new IssuerError(
      'ERR_STATUS_TRANSITION',
      `certificate "${previous.certificateId}" is revoked and cannot be corrected`,
    );
  }

  const credentialStatus = await statusManager.allocate();
  const corrected = await issue({
    request: { ...request, meta: { ...request.meta, previousCertificateId: previous.certificateId } },
    key: options.key,
    credentialStatus,
    ...(options.now ? { now: options.now } : {}),
    ...(options.qrFormat ? { qrFormat: options.qrFormat } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  });

  const recorded = await corrections.addIfBelow(
    { ...dose, previousCertificateId: previous.certificateId, certificateId: corrected.certificateId },
    limit,
  );
  if (!recorded) {
    // A concurrent correction of the same dose won; the new certificate was never handed out.
    await statusManager.revoke({ credentialStatus });
    throw limitError(previous.certificateId, limit);
  }

  // NOTE: if revoking fails here the new certificate exists and the old one stays valid
  // until the caller retries `statusManager.revoke` with the old entries.
  await statusManager.revoke(previous);
  await options.registry?.add(certificateRecordOf(corrected.credential));
  return corrected;
}

function limitError(certificateId: string, limit: number): IssuerError {
  return new IssuerError(
    'ERR_CORRECTION_LIMIT',
    `certificate "${certificateId}" cannot be corrected: its dose already had ${limit} ` +
      `correction${limit === 1 ? '' : 's'}, the maximum allowed`,
  );
}
