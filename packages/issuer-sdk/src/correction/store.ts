/** A correction: the certificate that replaced another one for the same dose. */
export interface CorrectionRecord {
  readonly beneficiaryId: string;
  readonly dose: number;
  readonly previousCertificateId: string;
  readonly certificateId: string;
}

/**
 * Storage of corrections, counted per beneficiary and dose. A database implementation makes
 * `addIfBelow` one transaction (count and insert), so two concurrent corrections of the
 * same dose cannot both pass the limit.
 */
export interface CorrectionStore {
  /** Returns the number of corrections recorded for the dose. */
  count(query: { beneficiaryId: string; dose: number }): Promise<number>;
  /**
   * Records the correction if fewer than `limit` are recorded for its dose. Returns `false`,
   * and records nothing, otherwise.
   */
  addIfBelow(record: CorrectionRecord, limit: number): Promise<boolean>;
}

/** Creates a {@link CorrectionStore} kept in memory, for tests and single-process tools. */
export function createMemoryCorrectionStore(): CorrectionStore {
  const records = new Map<string, CorrectionRecord[]>();
  const keyOf = (beneficiaryId: string, dose: number) => JSON.stringify([beneficiaryId, dose]);

  return {
    async count(query) {
      return records.get(keyOf(query.beneficiaryId, query.dose))?.length ?? 0;
    },
    async addIfBelow(record, limit) {
      const key = keyOf(record.beneficiaryId, record.dose);
      const existing = records.get(key) ?? [];
      if (existing.length >= limit) return false;

      records.set(key, [...existing, { ...record }]);
      return true;
    },
  };
}
