import type { Dialect } from './driver.js';

/**
 * Returns the statements that create the service's tables. Times are milliseconds since the
 * Unix epoch, flags are 0 or 1, and JSON documents are stored as text.
 */
export function schemaStatements(dialect: Dialect): string[] {
  const bytes = dialect === 'postgres' ? 'BYTEA' : 'BLOB';
  return [
    // One row per accepted certify request; the signer claims pending rows with a lease.
    `CREATE TABLE IF NOT EXISTS requests (
      tracking_id TEXT PRIMARY KEY,
      idempotency_key TEXT NOT NULL UNIQUE,
      programme TEXT NOT NULL,
      beneficiary_id TEXT NOT NULL,
      dose INTEGER NOT NULL,
      payload TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'issued', 'rejected')),
      certificate_id TEXT,
      duplicate INTEGER NOT NULL DEFAULT 0,
      reason TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      lease_owner TEXT,
      lease_until BIGINT NOT NULL DEFAULT 0,
      webhook_url TEXT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS requests_claim ON requests (state, lease_until, created_at)`,
    // Every certificate ever issued; `current` marks the one in force for its dose.
    `CREATE TABLE IF NOT EXISTS certificates (
      certificate_id TEXT PRIMARY KEY,
      programme TEXT NOT NULL,
      beneficiary_id TEXT NOT NULL,
      dose INTEGER NOT NULL,
      current INTEGER NOT NULL,
      tracking_id TEXT,
      request TEXT NOT NULL,
      credential TEXT NOT NULL,
      qr_payload TEXT NOT NULL,
      credential_status TEXT NOT NULL,
      vaccine TEXT NOT NULL,
      certificate_kind TEXT NOT NULL,
      region TEXT,
      issued_at BIGINT NOT NULL,
      replaced_by TEXT
    )`,
    // Exactly one current certificate per programme, beneficiary and dose.
    `CREATE UNIQUE INDEX IF NOT EXISTS certificates_one_current
      ON certificates (programme, beneficiary_id, dose) WHERE current = 1`,
    `CREATE INDEX IF NOT EXISTS certificates_beneficiary ON certificates (beneficiary_id, dose)`,
    // Doses an administrator revoked. A correction that commits while a revocation of its
    // dose runs checks this table, so that no certificate of the dose stays in force.
    `CREATE TABLE IF NOT EXISTS revoked_doses (
      beneficiary_id TEXT NOT NULL,
      dose INTEGER NOT NULL,
      revoked_at BIGINT NOT NULL,
      PRIMARY KEY (beneficiary_id, dose)
    )`,
    `CREATE TABLE IF NOT EXISTS corrections (
      certificate_id TEXT PRIMARY KEY,
      beneficiary_id TEXT NOT NULL,
      dose INTEGER NOT NULL,
      previous_certificate_id TEXT NOT NULL,
      created_at BIGINT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS corrections_dose ON corrections (beneficiary_id, dose)`,
    `CREATE TABLE IF NOT EXISTS status_lists (
      id TEXT PRIMARY KEY,
      status_purpose TEXT NOT NULL,
      length INTEGER NOT NULL,
      status ${bytes} NOT NULL,
      allocated ${bytes} NOT NULL,
      allocated_count INTEGER NOT NULL,
      version INTEGER NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS uploads (
      upload_id TEXT PRIMARY KEY,
      content_hash TEXT NOT NULL UNIQUE,
      row_count INTEGER NOT NULL,
      accepted INTEGER NOT NULL,
      rejected INTEGER NOT NULL,
      created_at BIGINT NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS upload_rows (
      upload_id TEXT NOT NULL REFERENCES uploads (upload_id),
      row_number INTEGER NOT NULL,
      tracking_id TEXT,
      errors TEXT,
      PRIMARY KEY (upload_id, row_number)
    )`,
    // Webhook calls waiting, done or given up; written in the transaction that decides them.
    `CREATE TABLE IF NOT EXISTS webhook_deliveries (
      delivery_id TEXT PRIMARY KEY,
      tracking_id TEXT NOT NULL,
      url TEXT NOT NULL,
      body TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at BIGINT NOT NULL,
      last_error TEXT,
      updated_at BIGINT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at)`,
    // Analytics events carry no names or identifiers of people.
    `CREATE TABLE IF NOT EXISTS events (
      at BIGINT NOT NULL,
      day TEXT NOT NULL,
      event TEXT NOT NULL,
      outcome TEXT,
      vaccine TEXT,
      dose INTEGER,
      certificate_kind TEXT,
      region TEXT
    )`,
    `CREATE INDEX IF NOT EXISTS events_day ON events (day)`,
    `CREATE TABLE IF NOT EXISTS api_keys (
      key_hash TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('facility', 'admin')),
      created_at BIGINT NOT NULL
    )`,
  ];
}
