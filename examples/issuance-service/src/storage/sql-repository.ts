import { randomUUID } from 'node:crypto';

import type { SqlDriver, Row } from './driver.js';
import { createSqlCorrectionStore, createSqlStatusListStore } from './sql-stores.js';
import { schemaStatements } from './schema.js';
import type {
  AnalyticsCount,
  AnalyticsEvent,
  CertificateRow,
  Claim,
  ClaimResult,
  CommittedResult,
  DeliveryRecord,
  NewDelivery,
  NewRequest,
  Outcome,
  Repository,
  RequestRecord,
  Role,
  UploadRecord,
  UploadRow,
  WebhookBody,
} from './repository.js';
import { doseKey } from './repository.js';

const REQUEST_COLUMNS = `tracking_id, programme, beneficiary_id, dose, payload, state, certificate_id, duplicate,
  reason, attempts, webhook_url, created_at, lease_owner, lease_until`;

function toRequest(row: Row): Claim {
  return {
    trackingId: row.tracking_id as string,
    programme: row.programme as string,
    beneficiaryId: row.beneficiary_id as string,
    dose: Number(row.dose),
    payload: row.payload as string,
    state: row.state as RequestRecord['state'],
    certificateId: (row.certificate_id as string | null) ?? null,
    duplicate: Number(row.duplicate) === 1,
    reason: (row.reason as string | null) ?? null,
    attempts: Number(row.attempts),
    webhookUrl: (row.webhook_url as string | null) ?? null,
    createdAt: Number(row.created_at),
    leaseOwner: (row.lease_owner as string | null) ?? '',
    leaseUntil: Number(row.lease_until),
  };
}

function toCertificate(row: Row): CertificateRow {
  return {
    certificateId: row.certificate_id as string,
    programme: row.programme as string,
    beneficiaryId: row.beneficiary_id as string,
    dose: Number(row.dose),
    current: Number(row.current) === 1,
    trackingId: (row.tracking_id as string | null) ?? null,
    request: row.request as string,
    credential: row.credential as string,
    qrPayload: row.qr_payload as string,
    credentialStatus: row.credential_status as string,
    vaccine: row.vaccine as string,
    certificateKind: row.certificate_kind as string,
    region: (row.region as string | null) ?? null,
    issuedAt: Number(row.issued_at),
    replacedBy: (row.replaced_by as string | null) ?? null,
  };
}

function toDelivery(row: Row): DeliveryRecord {
  return {
    deliveryId: row.delivery_id as string,
    trackingId: row.tracking_id as string,
    url: row.url as string,
    body: row.body as string,
    attempts: Number(row.attempts),
    state: row.state as DeliveryRecord['state'],
    lastError: (row.last_error as string | null) ?? null,
  };
}

/** Returns the UTC calendar day (`YYYY-MM-DD`) of a time in milliseconds. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Compares strings by UTF-16 code units, as a stable order for locking rows. */
function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** PostgreSQL error codes of a transaction that failed only because of another one. */
const RETRYABLE_CODES = new Set(['40P01', '40001']);
const TRANSACTION_ATTEMPTS = 4;

/**
 * Runs `work` in a transaction, again when PostgreSQL aborts it for a deadlock or a
 * serialization failure, up to {@link TRANSACTION_ATTEMPTS} times in all.
 */
async function retryingTransaction<T>(db: SqlDriver, work: (tx: SqlDriver) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= TRANSACTION_ATTEMPTS || typeof code !== 'string' || !RETRYABLE_CODES.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/** Rows per multi-row statement, which keeps a statement under 1,000 parameters at 13 columns. */
const ROWS_PER_STATEMENT = 64;

/**
 * Returns the `VALUES` list of `rowCount` rows of `width` numbered placeholders each,
 * starting at `$first`: `($1, $2), ($3, $4)`.
 */
function valueRows(first: number, rowCount: number, width: number): string {
  return Array.from({ length: rowCount }, (_unused, row) => `(${placeholders(first + row * width, width)})`).join(', ');
}

/** Yields `items` in consecutive slices of at most {@link ROWS_PER_STATEMENT}. */
function* chunks<T>(items: readonly T[]): Generator<readonly T[]> {
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) yield items.slice(start, start + ROWS_PER_STATEMENT);
}

async function insertEvents(db: SqlDriver, events: readonly AnalyticsEvent[]): Promise<void> {
  for (const chunk of chunks(events)) {
    await db.run(
      `INSERT INTO events (at, day, event, outcome, vaccine, dose, certificate_kind, region) VALUES ${valueRows(1, chunk.length, 8)}`,
      chunk.flatMap((event) => [event.at, dayOf(event.at), event.event, event.outcome ?? null, event.vaccine, event.dose, event.certificateKind, event.region]),
    );
  }
}

/** Queues one webhook call for each request that has a webhook URL. */
async function insertDeliveries(db: SqlDriver, reports: readonly { claim: Claim; body: WebhookBody }[], now: number): Promise<void> {
  const deliveries: NewDelivery[] = [];
  for (const { claim, body } of reports) {
    if (claim.webhookUrl === null) continue;
    deliveries.push({ deliveryId: randomUUID(), trackingId: claim.trackingId, url: claim.webhookUrl, body: JSON.stringify(body) });
  }
  for (const chunk of chunks(deliveries)) {
    const rows = chunk.map((_delivery, index) => `($${index * 4 + 2}, $${index * 4 + 3}, $${index * 4 + 4}, $${index * 4 + 5}, 'pending', 0, $1, $1)`);
    await db.run(
      `INSERT INTO webhook_deliveries (delivery_id, tracking_id, url, body, state, attempts, next_attempt_at, updated_at)
       VALUES ${rows.join(', ')}`,
      [now, ...chunk.flatMap((delivery) => [delivery.deliveryId, delivery.trackingId, delivery.url, delivery.body])],
    );
  }
}

async function insertDelivery(db: SqlDriver, claim: Claim, body: WebhookBody, now: number): Promise<void> {
  await insertDeliveries(db, [{ claim, body }], now);
}

/**
 * Inserts requests with multi-row statements and returns, for each, its tracking ID and
 * whether it was created. A request whose idempotency key is stored already, or appears
 * earlier in `requests`, gets the tracking ID stored under that key.
 */
async function insertRequests(db: SqlDriver, requests: readonly { request: NewRequest; now: number }[]): Promise<{ trackingId: string; created: boolean }[]> {
  // Idempotency keys inserted by this call, with the tracking ID each was inserted under.
  // Rows go in key order, so concurrent transactions lock shared keys in one order, and a
  // deadlock that happens anyway is retried by the caller's transaction. The sort is
  // stable, so the first request with a key is still inserted first.
  const inserted = new Map<string, string>();
  const ordered = [...requests].sort((a, b) => compareText(a.request.idempotencyKey, b.request.idempotencyKey));
  for (const chunk of chunks(ordered)) {
    const rows = await db.all<{ tracking_id: string; idempotency_key: string }>(
      `INSERT INTO requests (tracking_id, idempotency_key, programme, beneficiary_id, dose, payload, state, webhook_url,
         created_at, updated_at)
       VALUES ${chunk.map((_item, index) => `(${placeholders(index * 8 + 1, 6)}, 'pending', $${index * 8 + 7}, $${index * 8 + 8}, $${index * 8 + 8})`).join(', ')}
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING tracking_id, idempotency_key`,
      chunk.flatMap(({ request, now }) => [request.trackingId, request.idempotencyKey, request.programme, request.beneficiaryId,
        request.dose, request.payload, request.webhookUrl, now]),
    );
    for (const row of rows) inserted.set(row.idempotency_key, row.tracking_id);
  }

  const earlierKeys = [...new Set(requests.map(({ request }) => request.idempotencyKey).filter((key) => !inserted.has(key)))];
  const stored = new Map<string, string>();
  for (const chunk of chunks(earlierKeys)) {
    const rows = await db.all<{ tracking_id: string; idempotency_key: string }>(
      `SELECT tracking_id, idempotency_key FROM requests WHERE idempotency_key IN (${placeholders(1, chunk.length)})`,
      chunk,
    );
    for (const row of rows) stored.set(row.idempotency_key, row.tracking_id);
  }

  // Only the first request with an inserted key created it; later ones repeat it.
  const claimed = new Set<string>();
  return requests.map(({ request }) => {
    const key = request.idempotencyKey;
    const trackingId = inserted.get(key);
    if (trackingId === undefined) return { trackingId: stored.get(key)!, created: false };
    const created = !claimed.has(key) && trackingId === request.trackingId;
    claimed.add(key);
    return { trackingId, created };
  });
}

async function insertRequest(db: SqlDriver, request: NewRequest, now: number): Promise<{ trackingId: string; created: boolean }> {
  const [result] = await insertRequests(db, [{ request, now }]);
  return result!;
}

async function insertCertificate(db: SqlDriver, certificate: CertificateRow): Promise<number> {
  return (await insertCertificates(db, [certificate])).size;
}

/**
 * Inserts certificates as current ones, skipping each whose dose has a current certificate
 * already, and returns the IDs of those inserted.
 */
async function insertCertificates(db: SqlDriver, certificates: readonly CertificateRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  // Dose order, so that signers inserting overlapping doses lock them in one order.
  const ordered = [...certificates].sort((a, b) => compareText(doseKey(a), doseKey(b)));
  for (const chunk of chunks(ordered)) {
    const rows = await db.all<{ certificate_id: string }>(
      `INSERT INTO certificates (certificate_id, programme, beneficiary_id, dose, tracking_id, credential,
         qr_payload, credential_status, vaccine, certificate_kind, region, issued_at, request, current)
       VALUES ${chunk.map((_certificate, index) => `(${placeholders(index * 13 + 1, 13)}, 1)`).join(', ')}
       ON CONFLICT (programme, beneficiary_id, dose) WHERE current = 1 DO NOTHING
       RETURNING certificate_id`,
      chunk.flatMap((certificate) => [certificate.certificateId, certificate.programme, certificate.beneficiaryId, certificate.dose,
        certificate.trackingId, certificate.credential, certificate.qrPayload, certificate.credentialStatus,
        certificate.vaccine, certificate.certificateKind, certificate.region, certificate.issuedAt, certificate.request]),
    );
    for (const row of rows) inserted.add(row.certificate_id);
  }
  return inserted;
}

/** Returns `count` numbered placeholders from `$first`, comma-separated. */
function placeholders(first: number, count: number): string {
  return Array.from({ length: count }, (_unused, index) => `$${first + index}`).join(', ');
}

/**
 * Marks a claimed request issued and inserts its certificate. The request is marked first, so
 * a lost lease is found before anything else is written. When the dose has a current
 * certificate already, the request points to that one and is flagged as a duplicate.
 */
async function commitIssued(tx: SqlDriver, result: Extract<ClaimResult, { kind: 'issued' }>, now: number): Promise<CommittedResult> {
  const { claim, certificate } = result;
  const marked = await tx.run(
    `UPDATE requests SET state = 'issued', certificate_id = $1, duplicate = 0, reason = NULL, updated_at = $2
     WHERE tracking_id = $3 AND state = 'pending' AND lease_owner = $4`,
    [certificate?.certificateId ?? '', now, claim.trackingId, claim.leaseOwner],
  );
  if (marked !== 1) return { kind: 'lease-lost' };

  const inserted = certificate === null ? 0 : await insertCertificate(tx, certificate);
  let certificateId = certificate?.certificateId ?? '';
  if (inserted === 0) certificateId = await pointToCurrent(tx, claim);

  const duplicate = inserted === 0;
  if (!duplicate) await insertEvents(tx, result.events);
  await insertDelivery(tx, claim, { trackingId: claim.trackingId, status: 'issued', certificateId, duplicate }, now);
  return { kind: 'issued', certificateId, duplicate };
}

type IssuedResult = Extract<ClaimResult, { kind: 'issued' }> & { readonly certificate: CertificateRow };

/**
 * Commits issued results that carry a new certificate with multi-row statements, and
 * returns each result's outcome by tracking ID. It marks the requests
 * whose lease this signer still holds, inserts their certificates, and records events and
 * webhook calls. A certificate whose dose got a current certificate meanwhile is handled
 * as in {@link commitIssued}: the request points to the existing one.
 */
async function commitIssuedBatch(tx: SqlDriver, results: readonly IssuedResult[], now: number): Promise<Map<string, CommittedResult>> {
  const marked = new Set<string>();
  const ordered = [...results].sort((a, b) => compareText(a.claim.trackingId, b.claim.trackingId));
  for (const chunk of chunks(ordered)) {
    const rows = await tx.all<{ tracking_id: string }>(
      `UPDATE requests SET state = 'issued', certificate_id = batch.column3, duplicate = 0, reason = NULL, updated_at = $1
       FROM (VALUES ${valueRows(2, chunk.length, 3)}) AS batch
       WHERE requests.tracking_id = batch.column1 AND requests.state = 'pending' AND requests.lease_owner = batch.column2
       RETURNING tracking_id`,
      [now, ...chunk.flatMap((result) => [result.claim.trackingId, result.claim.leaseOwner, result.certificate.certificateId])],
    );
    for (const row of rows) marked.add(row.tracking_id);
  }

  const committed = new Map<string, CommittedResult>();
  const leased = results.filter((result) => marked.has(result.claim.trackingId));
  for (const result of results) if (!marked.has(result.claim.trackingId)) committed.set(result.claim.trackingId, { kind: 'lease-lost' });
  await retireRevokedDoses(tx, leased.map((result) => result.certificate));
  const inserted = await insertCertificates(tx, leased.map((result) => result.certificate));

  const reports: { claim: Claim; body: WebhookBody }[] = [];
  for (const { claim, certificate } of leased) {
    let certificateId = certificate.certificateId;
    const duplicate = !inserted.has(certificateId);
    if (duplicate) certificateId = await pointToCurrent(tx, claim);
    committed.set(claim.trackingId, { kind: 'issued', certificateId, duplicate });
    reports.push({ claim, body: { trackingId: claim.trackingId, status: 'issued', certificateId, duplicate } });
  }
  await insertEvents(tx, leased.filter((result) => inserted.has(result.certificate.certificateId)).flatMap((result) => result.events));
  await insertDeliveries(tx, reports, now);
  return committed;
}

/**
 * Lets new certificates replace the current certificate of doses an administrator revoked:
 * the revoked certificate stops being current (it stays revoked) and the dose loses its
 * revocation mark, so the first new certificate of each such dose becomes current.
 */
async function retireRevokedDoses(tx: SqlDriver, certificates: readonly CertificateRow[]): Promise<void> {
  const beneficiaries = [...new Set(certificates.map((certificate) => certificate.beneficiaryId))];
  if (beneficiaries.length === 0) return;
  const marks = await tx.all<{ beneficiary_id: string; dose: number }>(
    `SELECT beneficiary_id, dose FROM revoked_doses WHERE beneficiary_id IN (${placeholders(1, beneficiaries.length)})`,
    beneficiaries,
  );
  // The first certificate of each dose, which the insert that follows makes current.
  const replacements = new Map<string, CertificateRow>();
  for (const certificate of certificates) {
    const key = JSON.stringify([certificate.beneficiaryId, certificate.dose]);
    if (!replacements.has(key)) replacements.set(key, certificate);
  }

  for (const mark of marks) {
    const replacement = replacements.get(JSON.stringify([mark.beneficiary_id, Number(mark.dose)]));
    if (replacement === undefined) continue;
    await tx.run(`UPDATE certificates SET current = 0, replaced_by = $1 WHERE beneficiary_id = $2 AND dose = $3 AND current = 1`, [
      replacement.certificateId,
      mark.beneficiary_id,
      mark.dose,
    ]);
    await tx.run(`DELETE FROM revoked_doses WHERE beneficiary_id = $1 AND dose = $2`, [mark.beneficiary_id, mark.dose]);
  }
}

/** Points a request at its dose's current certificate, flags it as a duplicate, and returns that certificate's ID. */
async function pointToCurrent(tx: SqlDriver, claim: Claim): Promise<string> {
  const [existing] = await tx.all<{ certificate_id: string }>(
    `SELECT certificate_id FROM certificates WHERE programme = $1 AND beneficiary_id = $2 AND dose = $3 AND current = 1`,
    [claim.programme, claim.beneficiaryId, claim.dose],
  );
  if (existing === undefined) throw new Error(`dose ${claim.dose} of request ${claim.trackingId} has no current certificate`);
  await tx.run(`UPDATE requests SET certificate_id = $1, duplicate = 1 WHERE tracking_id = $2`, [existing.certificate_id, claim.trackingId]);
  return existing.certificate_id;
}

async function commitRejected(tx: SqlDriver, result: Extract<ClaimResult, { kind: 'rejected' }>, now: number): Promise<CommittedResult> {
  const { claim, reason } = result;
  const marked = await tx.run(
    `UPDATE requests SET state = 'rejected', reason = $1, updated_at = $2
     WHERE tracking_id = $3 AND state = 'pending' AND lease_owner = $4`,
    [reason, now, claim.trackingId, claim.leaseOwner],
  );
  if (marked !== 1) return { kind: 'lease-lost' };

  await insertEvents(tx, result.events);
  await insertDelivery(tx, claim, { trackingId: claim.trackingId, status: 'rejected', reason }, now);
  return { kind: 'rejected' };
}

async function commitRetry(tx: SqlDriver, result: Extract<ClaimResult, { kind: 'retry' }>, now: number): Promise<CommittedResult> {
  const released = await tx.run(
    `UPDATE requests SET lease_until = $1, reason = $2, updated_at = $3
     WHERE tracking_id = $4 AND state = 'pending' AND lease_owner = $5`,
    [result.retryAt, result.reason, now, result.claim.trackingId, result.claim.leaseOwner],
  );
  return released === 1 ? { kind: 'retry' } : { kind: 'lease-lost' };
}

/**
 * Group commits one process runs at once. Two overlap one group's round trips to
 * PostgreSQL with the next. Their rows go in key order, so they lock shared keys in one
 * order.
 */
const GROUPS_IN_FLIGHT = 2;

/** A call of `enqueue` waiting for its group commit. */
interface EnqueueCall {
  readonly requests: readonly NewRequest[];
  readonly now: number;
  readonly resolve: (value: { trackingId: string; created: boolean }[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The repository on SQL: the same statements run on SQLite and PostgreSQL, and the dialects
 * differ only where PostgreSQL needs row locks that SQLite's single writer makes unnecessary.
 */
export class SqlRepository implements Repository {
  readonly #db: SqlDriver;
  readonly statusLists;
  readonly corrections;
  /** Group commits running; calls made while the most run wait for the next group. */
  #committers = 0;
  /** Calls of {@link enqueue} waiting for the next group commit. */
  #enqueued: EnqueueCall[] = [];

  constructor(db: SqlDriver) {
    this.#db = db;
    this.statusLists = createSqlStatusListStore(db);
    this.corrections = createSqlCorrectionStore(db);
  }

  get dialect() {
    return this.#db.dialect;
  }

  async migrate(): Promise<void> {
    await this.#db.transaction(async (tx) => {
      // Two processes starting at once on one PostgreSQL database would race on CREATE TABLE.
      if (tx.dialect === 'postgres') await tx.run(`SELECT pg_advisory_xact_lock(7305501)`);
      for (const statement of schemaStatements(tx.dialect)) await tx.run(statement);
      // Databases created before `events.outcome` existed get the column added.
      const columns = tx.dialect === 'postgres'
        ? await tx.all<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'events'`)
        : await tx.all<{ name: string }>(`SELECT name FROM pragma_table_info('events')`);
      if (!columns.some((column) => column.name === 'outcome')) await tx.run(`ALTER TABLE events ADD COLUMN outcome TEXT`);
    });
  }

  async close(): Promise<void> {
    await this.#db.close();
  }

  /**
   * Stores requests and resolves once they are committed. Calls made while the event loop
   * is busy are committed together, in one transaction, so concurrent intake pays for one
   * disk sync instead of one per call. If that transaction fails, each call is retried in
   * a transaction of its own, so an invalid request fails only the call that sent it.
   */
  async enqueue(requests: readonly NewRequest[], now: number) {
    return new Promise<{ trackingId: string; created: boolean }[]>((resolve, reject) => {
      this.#enqueued.push({ requests, now, resolve, reject });
      if (this.#enqueued.length === 1 && this.#committers < GROUPS_IN_FLIGHT) setImmediate(() => void this.#drainEnqueued());
    });
  }

  /** Commits groups one after another until no call waits. */
  async #drainEnqueued(): Promise<void> {
    if (this.#committers >= GROUPS_IN_FLIGHT) return;
    this.#committers += 1;
    try {
      while (this.#enqueued.length > 0) {
        const group = this.#enqueued;
        this.#enqueued = [];
        await this.#commitGroup(group);
      }
    } finally {
      this.#committers -= 1;
    }
  }

  async #commitGroup(group: readonly EnqueueCall[]): Promise<void> {
    const flat = group.flatMap(({ requests, now }) => requests.map((request) => ({ request, now })));
    try {
      const results = await retryingTransaction(this.#db, (tx) => insertRequests(tx, flat));
      let offset = 0;
      for (const call of group) {
        call.resolve(results.slice(offset, offset + call.requests.length));
        offset += call.requests.length;
      }
    } catch (groupError) {
      if (group.length === 1) {
        group[0]!.reject(groupError);
        return;
      }
      for (const call of group) {
        try {
          call.resolve(await retryingTransaction(this.#db, (tx) => insertRequests(tx, call.requests.map((request) => ({ request, now: call.now })))));
        } catch (error) {
          call.reject(error);
        }
      }
    }
  }

  async getRequest(trackingId: string): Promise<RequestRecord | undefined> {
    const [row] = await this.#db.all(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE tracking_id = $1`, [trackingId]);
    return row === undefined ? undefined : toRequest(row);
  }

  async claimPending(options: {
    limit: number;
    leaseMs: number;
    owner: string;
    now: number;
    createdBefore?: number;
  }): Promise<Claim[]> {
    const lock = this.#db.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.#db.all(
      `UPDATE requests SET lease_owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
       WHERE tracking_id IN (
         SELECT tracking_id FROM requests WHERE state = 'pending' AND lease_until < $3 AND created_at < $5
         ORDER BY lease_until, created_at LIMIT $4 ${lock})
       RETURNING ${REQUEST_COLUMNS}`,
      [options.owner, options.now + options.leaseMs, options.now, options.limit, options.createdBefore ?? Number.MAX_SAFE_INTEGER],
    );
    return rows.map(toRequest).sort((a, b) => a.createdAt - b.createdAt);
  }

  async claimOne(trackingId: string, options: { leaseMs: number; owner: string; now: number }) {
    const [row] = await this.#db.all(
      `UPDATE requests SET lease_owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
       WHERE tracking_id = $4 AND state = 'pending' AND lease_until < $3
       RETURNING ${REQUEST_COLUMNS}`,
      [options.owner, options.now + options.leaseMs, options.now, trackingId],
    );
    return row === undefined ? undefined : toRequest(row);
  }

  async claimByIds(trackingIds: readonly string[], options: { leaseMs: number; owner: string; now: number }) {
    if (trackingIds.length === 0) return [];
    const rows = await this.#db.all(
      `UPDATE requests SET lease_owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
       WHERE tracking_id IN (${placeholders(4, trackingIds.length)}) AND state = 'pending' AND lease_until < $3
       RETURNING ${REQUEST_COLUMNS}`,
      [options.owner, options.now + options.leaseMs, options.now, ...trackingIds],
    );
    return rows.map(toRequest).sort((a, b) => a.createdAt - b.createdAt);
  }

  async completeIssued(claim: Claim, certificate: CertificateRow | null, outcome: Outcome, now: number) {
    const [result] = await this.completeBatch([{ kind: 'issued', claim, certificate, events: outcome.events }], now);
    return result?.kind === 'issued' ? { certificateId: result.certificateId, duplicate: result.duplicate } : undefined;
  }

  async completeRejected(claim: Claim, reason: string, outcome: Outcome, now: number): Promise<boolean> {
    const [result] = await this.completeBatch([{ kind: 'rejected', claim, reason, events: outcome.events }], now);
    return result?.kind === 'rejected';
  }

  async completeBatch(results: readonly ClaimResult[], now: number): Promise<CommittedResult[]> {
    if (results.length === 0) return [];
    return retryingTransaction(this.#db, async (tx) => {
      const withCertificate = results.filter((result): result is IssuedResult => result.kind === 'issued' && result.certificate !== null);
      const batched = await commitIssuedBatch(tx, withCertificate, now);
      const committed: CommittedResult[] = [];
      for (const result of results) {
        const done = batched.get(result.claim.trackingId);
        if (done !== undefined) committed.push(done);
        else if (result.kind === 'issued') committed.push(await commitIssued(tx, result, now));
        else if (result.kind === 'rejected') committed.push(await commitRejected(tx, result, now));
        else committed.push(await commitRetry(tx, result, now));
      }
      return committed;
    });
  }

  async releaseClaim(claim: Claim, reason: string, retryAt: number, now: number): Promise<void> {
    await commitRetry(this.#db, { kind: 'retry', claim, reason, retryAt }, now);
  }

  async currentCertificate(programme: string, beneficiaryId: string, dose: number) {
    const [row] = await this.#db.all(
      `SELECT * FROM certificates WHERE programme = $1 AND beneficiary_id = $2 AND dose = $3 AND current = 1`,
      [programme, beneficiaryId, dose],
    );
    return row === undefined ? undefined : toCertificate(row);
  }

  async currentCertificateIds(doses: readonly { programme: string; beneficiaryId: string; dose: number }[]) {
    const found = new Map<string, string>();
    if (doses.length === 0) return found;
    const beneficiaries = [...new Set(doses.map((dose) => dose.beneficiaryId))];
    const rows = await this.#db.all<{ programme: string; beneficiary_id: string; dose: number; certificate_id: string }>(
      `SELECT programme, beneficiary_id, dose, certificate_id FROM certificates c
       WHERE current = 1 AND beneficiary_id IN (${placeholders(1, beneficiaries.length)})
         AND NOT EXISTS (SELECT 1 FROM revoked_doses r WHERE r.beneficiary_id = c.beneficiary_id AND r.dose = c.dose)`,
      beneficiaries,
    );
    const requestedKeys = new Set(doses.map(doseKey));
    for (const row of rows) {
      const key = doseKey({ programme: row.programme, beneficiaryId: row.beneficiary_id, dose: Number(row.dose) });
      if (requestedKeys.has(key)) found.set(key, row.certificate_id);
    }
    return found;
  }

  async getCertificate(certificateId: string) {
    const [row] = await this.#db.all(`SELECT * FROM certificates WHERE certificate_id = $1`, [certificateId]);
    return row === undefined ? undefined : toCertificate(row);
  }

  async currentCertificates(beneficiaryId: string) {
    const rows = await this.#db.all(
      `SELECT * FROM certificates WHERE beneficiary_id = $1 AND current = 1 ORDER BY programme, dose`,
      [beneficiaryId],
    );
    return rows.map(toCertificate);
  }

  async certificatesOfDose(beneficiaryId: string, dose: number) {
    const rows = await this.#db.all(
      `SELECT * FROM certificates WHERE beneficiary_id = $1 AND dose = $2 ORDER BY issued_at, certificate_id`,
      [beneficiaryId, dose],
    );
    return rows.map(toCertificate);
  }

  async replaceCurrent(previousId: string, replacement: CertificateRow, events: readonly AnalyticsEvent[]) {
    return this.#db.transaction(async (tx) => {
      const retired = await tx.run(
        `UPDATE certificates SET current = 0, replaced_by = $1 WHERE certificate_id = $2 AND current = 1`,
        [replacement.certificateId, previousId],
      );
      if (retired !== 1) return false;

      const inserted = await insertCertificate(tx, replacement);
      if (inserted !== 1) throw new Error(`certificate "${replacement.certificateId}" could not be made current`);
      await insertEvents(tx, events);
      return true;
    });
  }

  async markDosesRevoked(beneficiaryId: string, doses: readonly number[], now: number) {
    const distinct = [...new Set(doses)];
    if (distinct.length === 0) return;
    await this.#db.run(
      `INSERT INTO revoked_doses (beneficiary_id, dose, revoked_at) VALUES ${distinct.map((_dose, index) => `($1, $${index + 3}, $2)`).join(', ')}
       ON CONFLICT (beneficiary_id, dose) DO NOTHING`,
      [beneficiaryId, now, ...distinct],
    );
  }

  async isDoseRevoked(beneficiaryId: string, dose: number) {
    const rows = await this.#db.all(`SELECT 1 AS found FROM revoked_doses WHERE beneficiary_id = $1 AND dose = $2`, [beneficiaryId, dose]);
    return rows.length > 0;
  }

  async findUploadByHash(contentHash: string) {
    const [row] = await this.#db.all<{ upload_id: string }>(`SELECT upload_id FROM uploads WHERE content_hash = $1`, [
      contentHash,
    ]);
    return row?.upload_id;
  }

  async createUpload(upload: { uploadId: string; contentHash: string; rows: readonly UploadRow[] }, now: number) {
    return this.#db.transaction(async (tx) => {
      const accepted = upload.rows.filter((row) => row.request !== undefined).length;
      const inserted = await tx.run(
        `INSERT INTO uploads (upload_id, content_hash, row_count, accepted, rejected, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (content_hash) DO NOTHING`,
        [upload.uploadId, upload.contentHash, upload.rows.length, accepted, upload.rows.length - accepted, now],
      );
      if (inserted === 0) {
        const [row] = await tx.all<{ upload_id: string }>(`SELECT upload_id FROM uploads WHERE content_hash = $1`, [
          upload.contentHash,
        ]);
        return { uploadId: row!.upload_id, created: false };
      }

      for (const row of upload.rows) {
        const trackingId = row.request === undefined ? null : (await insertRequest(tx, row.request, now)).trackingId;
        await tx.run(`INSERT INTO upload_rows (upload_id, row_number, tracking_id, errors) VALUES ($1, $2, $3, $4)`, [
          upload.uploadId,
          row.rowNumber,
          trackingId,
          row.errors === undefined ? null : JSON.stringify(row.errors),
        ]);
      }
      return { uploadId: upload.uploadId, created: true };
    });
  }

  async getUpload(uploadId: string): Promise<UploadRecord | undefined> {
    const [upload] = await this.#db.all(`SELECT * FROM uploads WHERE upload_id = $1`, [uploadId]);
    if (upload === undefined) return undefined;

    const rows = await this.#db.all(
      `SELECT u.row_number, u.tracking_id, u.errors, r.state, r.certificate_id, r.reason
       FROM upload_rows u LEFT JOIN requests r ON r.tracking_id = u.tracking_id
       WHERE u.upload_id = $1 ORDER BY u.row_number`,
      [uploadId],
    );
    return {
      uploadId,
      rowCount: Number(upload.row_count),
      accepted: Number(upload.accepted),
      rejected: Number(upload.rejected),
      createdAt: Number(upload.created_at),
      rows: rows.map((row) => ({
        rowNumber: Number(row.row_number),
        trackingId: (row.tracking_id as string | null) ?? null,
        state: row.tracking_id === null ? 'invalid' : (row.state as RequestRecord['state']),
        certificateId: (row.certificate_id as string | null) ?? null,
        reason: (row.reason as string | null) ?? null,
        errors: row.errors === null ? null : (JSON.parse(row.errors as string) as { pointer: string; message: string }[]),
      })),
    };
  }

  async claimDeliveries(options: { limit: number; now: number; leaseMs: number }) {
    const lock = this.#db.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    // A claimed call is pushed into the future by the lease, so a crashed sender's calls are retried.
    const rows = await this.#db.all(
      `UPDATE webhook_deliveries SET next_attempt_at = $1, updated_at = $2
       WHERE delivery_id IN (
         SELECT delivery_id FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= $2
         ORDER BY next_attempt_at LIMIT $3 ${lock})
       RETURNING *`,
      [options.now + options.leaseMs, options.now, options.limit],
    );
    return rows.map(toDelivery);
  }

  async recordDeliveryAttempt(
    deliveryId: string,
    result: { delivered: boolean; error?: string; retryAt: number | null },
    now: number,
  ) {
    const state = result.delivered ? 'delivered' : result.retryAt === null ? 'failed' : 'pending';
    await this.#db.run(
      `UPDATE webhook_deliveries SET state = $1, attempts = attempts + 1, next_attempt_at = $2, last_error = $3,
         updated_at = $4 WHERE delivery_id = $5`,
      [state, result.retryAt ?? now, result.error ?? null, now, deliveryId],
    );
  }

  async getDeliveries(trackingId: string) {
    const rows = await this.#db.all(`SELECT * FROM webhook_deliveries WHERE tracking_id = $1`, [trackingId]);
    return rows.map(toDelivery);
  }

  async recordEvents(events: readonly AnalyticsEvent[]) {
    if (events.length === 0) return;
    await this.#db.transaction((tx) => insertEvents(tx, events));
  }

  async analytics(query: { fromDay?: string; toDay?: string }): Promise<AnalyticsCount[]> {
    const rows = await this.#db.all(
      `SELECT day, event, outcome, vaccine, certificate_kind, region, COUNT(*) AS count FROM events
       WHERE day >= $1 AND day <= $2
       GROUP BY day, event, outcome, vaccine, certificate_kind, region
       ORDER BY day, event, outcome, vaccine, certificate_kind, region`,
      [query.fromDay ?? '0000-01-01', query.toDay ?? '9999-12-31'],
    );
    return rows.map((row) => ({
      day: row.day as string,
      event: row.event as string,
      outcome: (row.outcome as string | null) ?? null,
      vaccine: (row.vaccine as string | null) ?? null,
      certificateKind: (row.certificate_kind as string | null) ?? null,
      region: (row.region as string | null) ?? null,
      count: Number(row.count),
    }));
  }

  async addApiKey(key: { hash: string; name: string; role: Role }, now: number) {
    await this.#db.run(`INSERT INTO api_keys (key_hash, name, role, created_at) VALUES ($1, $2, $3, $4)`, [
      key.hash,
      key.name,
      key.role,
      now,
    ]);
  }

  async findApiKey(hash: string) {
    const [row] = await this.#db.all<{ name: string; role: Role }>(`SELECT name, role FROM api_keys WHERE key_hash = $1`, [
      hash,
    ]);
    return row === undefined ? undefined : { name: row.name, role: row.role };
  }
}
