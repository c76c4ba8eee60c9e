import type { CorrectionStore, StatusListRecord, StatusListStore, StatusPurpose } from '@vaxcert/issuer-sdk';

import type { Row, SqlDriver } from './driver.js';

function toStatusList(row: Row): StatusListRecord {
  // Copy into fresh arrays: a Buffer from a driver may share its memory with other values.
  return {
    id: row.id as string,
    statusPurpose: row.status_purpose as StatusPurpose,
    length: Number(row.length),
    status: new Uint8Array(row.status as Uint8Array),
    allocated: new Uint8Array(row.allocated as Uint8Array),
    allocatedCount: Number(row.allocated_count),
    version: Number(row.version),
  };
}

/**
 * Creates the SDK's {@link StatusListStore} on the service database. `save` is a
 * compare-and-set on `version`: an insert for version 0 and a conditional update otherwise.
 */
export function createSqlStatusListStore(db: SqlDriver): StatusListStore {
  return {
    async get(listId) {
      const [row] = await db.all(`SELECT * FROM status_lists WHERE id = $1`, [listId]);
      return row === undefined ? undefined : toStatusList(row);
    },

    async findOpen(statusPurpose) {
      const [row] = await db.all(
        `SELECT * FROM status_lists WHERE status_purpose = $1 AND allocated_count < length ORDER BY id LIMIT 1`,
        [statusPurpose],
      );
      return row === undefined ? undefined : toStatusList(row);
    },

    async save(record, expectedVersion) {
      const status = Buffer.from(record.status);
      const allocated = Buffer.from(record.allocated);
      if (expectedVersion === 0) {
        const inserted = await db.run(
          `INSERT INTO status_lists (id, status_purpose, length, status, allocated, allocated_count, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
          [record.id, record.statusPurpose, record.length, status, allocated, record.allocatedCount, record.version],
        );
        return inserted === 1;
      }

      const updated = await db.run(
        `UPDATE status_lists SET status = $1, allocated = $2, allocated_count = $3, version = $4
         WHERE id = $5 AND version = $6`,
        [status, allocated, record.allocatedCount, record.version, record.id, expectedVersion],
      );
      return updated === 1;
    },

    async listIds() {
      const rows = await db.all<{ id: string }>(`SELECT id FROM status_lists ORDER BY id`);
      return rows.map((row) => row.id);
    },
  };
}

/**
 * Creates the SDK's {@link CorrectionStore} on the service database. `addIfBelow` counts and
 * inserts in one transaction; on PostgreSQL it first locks the dose with a transaction-level
 * advisory lock, so two concurrent corrections cannot both pass the limit.
 */
export function createSqlCorrectionStore(db: SqlDriver): CorrectionStore {
  return {
    async count(query) {
      const [row] = await db.all<{ count: number | string }>(
        `SELECT COUNT(*) AS count FROM corrections WHERE beneficiary_id = $1 AND dose = $2`,
        [query.beneficiaryId, query.dose],
      );
      return Number(row?.count ?? 0);
    },

    async addIfBelow(record, limit) {
      return db.transaction(async (tx) => {
        if (tx.dialect === 'postgres') {
          await tx.run(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`correction:${record.beneficiaryId}:${record.dose}`]);
        }
        const [row] = await tx.all<{ count: number | string }>(
          `SELECT COUNT(*) AS count FROM corrections WHERE beneficiary_id = $1 AND dose = $2`,
          [record.beneficiaryId, record.dose],
        );
        if (Number(row?.count ?? 0) >= limit) return false;

        await tx.run(
          `INSERT INTO corrections (certificate_id, beneficiary_id, dose, previous_certificate_id, created_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [record.certificateId, record.beneficiaryId, record.dose, record.previousCertificateId, Date.now()],
        );
        return true;
      });
    },
  };
}
