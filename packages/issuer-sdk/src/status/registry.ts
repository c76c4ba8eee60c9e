import type { StatusListEntry, VaccinationCredential } from '@vaxcert/schemas';

import { IssuerError } from '../errors.js';
import type { StatusListManager } from './manager.js';

/** The status entries of one issued certificate, filed by beneficiary and dose. */
export interface CertificateRecord {
  readonly certificateId: string;
  readonly beneficiaryId: string;
  readonly dose: number;
  readonly credentialStatus: readonly StatusListEntry[];
}

/**
 * Storage that maps a beneficiary's dose to the certificates issued for it. A dose has
 * several certificates after corrections.
 */
export interface CertificateRegistry {
  add(record: CertificateRecord): Promise<void>;
  /** Returns every certificate of the dose, oldest first; an empty array when none. */
  find(query: { beneficiaryId: string; dose: number }): Promise<CertificateRecord[]>;
}

/** Creates a {@link CertificateRegistry} kept in memory, for tests and single-process tools. */
export function createMemoryCertificateRegistry(): CertificateRegistry {
  const records = new Map<string, CertificateRecord[]>();
  const keyOf = (beneficiaryId: string, dose: number) => JSON.stringify([beneficiaryId, dose]);

  return {
    async add(record) {
      const copy = structuredClone(record);
      const key = keyOf(record.beneficiaryId, record.dose);
      records.set(key, [...(records.get(key) ?? []), copy]);
    },
    async find(query) {
      return structuredClone(records.get(keyOf(query.beneficiaryId, query.dose)) ?? []);
    },
  };
}

/**
 * Returns the registry record of an issued credential: its ID, beneficiary, dose and status
 * entries.
 *
 * @throws {TypeError} when the credential has no `credentialStatus`.
 */
export function certificateRecordOf(credential: VaccinationCredential): CertificateRecord {
  if (!Array.isArray(credential.credentialStatus) || credential.credentialStatus.length === 0) {
    throw new TypeError(`credential "${credential.id}" has no "credentialStatus" entries`);
  }
  return {
    certificateId: credential.id,
    beneficiaryId: credential.credentialSubject.beneficiaryId,
    dose: credential.evidence[0].dose,
    credentialStatus: structuredClone(credential.credentialStatus),
  };
}

/** Options of {@link revokeBeneficiaryDoses}. */
export interface RevokeBeneficiaryDosesOptions {
  readonly beneficiaryId: string;
  /** Dose numbers whose certificates are revoked, for example `[1, 2]`. */
  readonly doses: readonly number[];
  readonly registry: CertificateRegistry;
  readonly statusManager: StatusListManager;
}

/**
 * Revokes every certificate issued for the given doses of one beneficiary, including the
 * certificates that corrections replaced. Returns the revoked certificate IDs. Nothing is
 * revoked when one of the doses has no certificate.
 *
 * @throws {IssuerError} `ERR_STATUS_LIST_NOT_FOUND` when a dose has no recorded certificate.
 */
export async function revokeBeneficiaryDoses(options: RevokeBeneficiaryDosesOptions): Promise<string[]> {
  const { beneficiaryId, doses, registry, statusManager } = options;
  if (typeof beneficiaryId !== 'string' || beneficiaryId === '') {
    throw new TypeError('"beneficiaryId" must be a non-empty string');
  }
  const dosesInput: unknown = doses;
  if (!Array.isArray(dosesInput) || doses.length === 0 || !doses.every((dose) => Number.isInteger(dose) && dose > 0)) {
    throw new TypeError('"doses" must be a non-empty array of positive integers');
  }

  const records: CertificateRecord[] = [];
  for (const dose of new Set(doses)) {
    const found = await registry.find({ beneficiaryId, dose });
    if (found.length === 0) {
      throw new IssuerError(
        'ERR_CERTIFICATE_NOT_FOUND',
        `no certificate recorded for beneficiary "${beneficiaryId}" dose ${dose}`,
      );
    }
    records.push(...found);
  }

  for (const record of records) {
    await statusManager.revoke({ credentialStatus: record.credentialStatus });
  }
  return records.map((record) => record.certificateId);
}
