import type { CorrectionStore, StatusListStore } from '@vaxcert/issuer-sdk';

/** Life cycle of a certify request. */
export type RequestState = 'pending' | 'issued' | 'rejected';

/** Analytics event types. */
export type EventType = 'issued' | 'corrected' | 'revoked' | 'suspended' | 'reinstated' | 'failed' | 'downloaded' | 'verified';

/** A certify request to store. */
export interface NewRequest {
  readonly trackingId: string;
  /** Hash of the request's content; a second request with the same key is not stored again. */
  readonly idempotencyKey: string;
  readonly programme: string;
  readonly beneficiaryId: string;
  readonly dose: number;
  /** The certify request as JSON text. */
  readonly payload: string;
  readonly webhookUrl: string | null;
}

/** A stored certify request. */
export interface RequestRecord {
  readonly trackingId: string;
  readonly programme: string;
  readonly beneficiaryId: string;
  readonly dose: number;
  readonly payload: string;
  readonly state: RequestState;
  readonly certificateId: string | null;
  /** Whether the dose already had a certificate, which was returned instead of a new one. */
  readonly duplicate: boolean;
  readonly reason: string | null;
  readonly attempts: number;
  readonly webhookUrl: string | null;
  readonly createdAt: number;
}

/** A pending request claimed by a signer until `leaseUntil`. */
export interface Claim extends RequestRecord {
  readonly leaseOwner: string;
  readonly leaseUntil: number;
}

/** An issued certificate. */
export interface CertificateRow {
  readonly certificateId: string;
  readonly programme: string;
  readonly beneficiaryId: string;
  readonly dose: number;
  readonly current: boolean;
  readonly trackingId: string | null;
  /** The certify request the certificate was signed from, as JSON text. */
  readonly request: string;
  /** The signed credential as JSON text. */
  readonly credential: string;
  readonly qrPayload: string;
  /** The credential's `credentialStatus` entries as JSON text. */
  readonly credentialStatus: string;
  readonly vaccine: string;
  readonly certificateKind: string;
  /** The beneficiary's state, used only for aggregate analytics. */
  readonly region: string | null;
  readonly issuedAt: number;
  readonly replacedBy: string | null;
}

/** An analytics event; it names no person and no certificate. */
export interface AnalyticsEvent {
  readonly at: number;
  readonly event: EventType;
  /** Verification status of a `verified` event, such as `valid` or `revoked`; absent for other events. */
  readonly outcome?: string | null;
  readonly vaccine: string | null;
  readonly dose: number | null;
  readonly certificateKind: string | null;
  readonly region: string | null;
}

/** One group of the analytics aggregate. */
export interface AnalyticsCount {
  readonly day: string;
  readonly event: string;
  readonly outcome: string | null;
  readonly vaccine: string | null;
  readonly certificateKind: string | null;
  readonly region: string | null;
  readonly count: number;
}

/** A webhook call to make. */
export interface NewDelivery {
  readonly deliveryId: string;
  readonly trackingId: string;
  readonly url: string;
  readonly body: string;
}

/** A webhook call claimed for sending. */
export interface DeliveryRecord extends NewDelivery {
  readonly attempts: number;
  readonly state: 'pending' | 'delivered' | 'failed';
  readonly lastError: string | null;
}

/**
 * What the signer writes with a request's final state. When the request has a webhook URL,
 * a webhook call reporting that state is queued in the same transaction.
 */
export interface Outcome {
  readonly events: readonly AnalyticsEvent[];
}

/** A signer's final result for one claimed request, as {@link Repository.completeBatch} commits it. */
export type ClaimResult =
  | {
      readonly kind: 'issued';
      readonly claim: Claim;
      /** The new certificate, or null when the dose had a current certificate before signing. */
      readonly certificate: CertificateRow | null;
      readonly events: readonly AnalyticsEvent[];
    }
  | { readonly kind: 'rejected'; readonly claim: Claim; readonly reason: string; readonly events: readonly AnalyticsEvent[] }
  | { readonly kind: 'retry'; readonly claim: Claim; readonly reason: string; readonly retryAt: number };

/** Result that {@link Repository.completeBatch} stored for one {@link ClaimResult}. */
export type CommittedResult =
  | { readonly kind: 'issued'; readonly certificateId: string; readonly duplicate: boolean }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'retry' }
  /** Another signer took the request over after this claim's lease ran out; nothing was written. */
  | { readonly kind: 'lease-lost' };

/** Body of the webhook call that reports a request's final state. */
export type WebhookBody =
  | { trackingId: string; status: 'issued'; certificateId: string; duplicate: boolean }
  | { trackingId: string; status: 'rejected'; reason: string };

/** One row of a bulk upload. */
export interface UploadRow {
  readonly rowNumber: number;
  /** Set for a row that was queued. */
  readonly request?: NewRequest;
  readonly errors?: readonly { pointer: string; message: string }[];
}

/** A bulk upload with the state of each row. */
export interface UploadRecord {
  readonly uploadId: string;
  readonly rowCount: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly createdAt: number;
  readonly rows: readonly {
    rowNumber: number;
    trackingId: string | null;
    state: RequestState | 'invalid';
    certificateId: string | null;
    reason: string | null;
    errors: { pointer: string; message: string }[] | null;
  }[];
}

/** Role of an API client. */
export type Role = 'facility' | 'admin';

/** Storage of the issuance service: one interface over SQLite and PostgreSQL. */
export interface Repository {
  readonly dialect: 'sqlite' | 'postgres';
  readonly statusLists: StatusListStore;
  readonly corrections: CorrectionStore;

  /** Creates the tables when missing. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /**
   * Stores requests in one transaction. A request whose idempotency key is stored already
   * is not stored again; its existing tracking ID is returned with `created: false`.
   */
  enqueue(requests: readonly NewRequest[], now: number): Promise<{ trackingId: string; created: boolean }[]>;
  getRequest(trackingId: string): Promise<RequestRecord | undefined>;
  /**
   * Leases up to `limit` pending requests whose lease has run out, oldest first, optionally
   * only those created before `createdBefore`.
   */
  claimPending(options: {
    limit: number;
    leaseMs: number;
    owner: string;
    now: number;
    createdBefore?: number;
  }): Promise<Claim[]>;
  /**
   * Leases the listed requests that are pending and not leased by anyone else; the others
   * are left out of the result.
   */
  claimByIds(trackingIds: readonly string[], options: { leaseMs: number; owner: string; now: number }): Promise<Claim[]>;
  /** Leases one request; `undefined` when it is not pending or someone else holds the lease. */
  claimOne(trackingId: string, options: { leaseMs: number; owner: string; now: number }): Promise<Claim | undefined>;
  /**
   * Writes the certificate and marks the request issued in one transaction. When the dose has
   * a current certificate already, or `certificate` is null, nothing is inserted and the
   * request points to the current one. Returns `undefined`, and writes nothing, when the
   * claim's lease was taken over.
   */
  completeIssued(
    claim: Claim,
    certificate: CertificateRow | null,
    outcome: Outcome,
    now: number,
  ): Promise<{ certificateId: string; duplicate: boolean } | undefined>;
  /**
   * Commits the results of many claimed requests in one transaction, with the same rules as
   * {@link completeIssued}, {@link completeRejected} and {@link releaseClaim}. A result whose
   * lease was taken over is skipped, reported as `lease-lost`, and the others still commit.
   */
  completeBatch(results: readonly ClaimResult[], now: number): Promise<CommittedResult[]>;
  /** Marks a claimed request rejected; `false` when the lease was taken over. */
  completeRejected(claim: Claim, reason: string, outcome: Outcome, now: number): Promise<boolean>;
  /** Gives a claimed request back for another attempt after `retryAt`. */
  releaseClaim(claim: Claim, reason: string, retryAt: number, now: number): Promise<void>;

  currentCertificate(programme: string, beneficiaryId: string, dose: number): Promise<CertificateRow | undefined>;
  /**
   * Returns the current certificate ID of each of the given doses that has one, keyed by
   * {@link doseKey}.
   */
  currentCertificateIds(
    doses: readonly { programme: string; beneficiaryId: string; dose: number }[],
  ): Promise<Map<string, string>>;
  getCertificate(certificateId: string): Promise<CertificateRow | undefined>;
  /** Returns the current certificate of each dose of a beneficiary, in every programme. */
  currentCertificates(beneficiaryId: string): Promise<CertificateRow[]>;
  /** Returns every certificate of a dose, replaced ones included, oldest first. */
  certificatesOfDose(beneficiaryId: string, dose: number): Promise<CertificateRow[]>;
  /**
   * Makes `replacement` the current certificate in place of `previousId` in one transaction.
   * Returns `false`, and changes nothing, when `previousId` is not current any more.
   */
  replaceCurrent(previousId: string, replacement: CertificateRow, events: readonly AnalyticsEvent[]): Promise<boolean>;
  /** Records that the doses were revoked; call it before reading their certificates to revoke them. */
  markDosesRevoked(beneficiaryId: string, doses: readonly number[], now: number): Promise<void>;
  /** Returns whether {@link markDosesRevoked} recorded the dose. */
  isDoseRevoked(beneficiaryId: string, dose: number): Promise<boolean>;

  findUploadByHash(contentHash: string): Promise<string | undefined>;
  /** Stores an upload, its rows and the queued requests in one transaction. */
  createUpload(
    upload: { uploadId: string; contentHash: string; rows: readonly UploadRow[] },
    now: number,
  ): Promise<{ uploadId: string; created: boolean }>;
  getUpload(uploadId: string): Promise<UploadRecord | undefined>;

  /** Leases due webhook calls for `leaseMs`. */
  claimDeliveries(options: { limit: number; now: number; leaseMs: number }): Promise<DeliveryRecord[]>;
  /** Records a webhook attempt: delivered, retried at `retryAt`, or failed for good (`retryAt` null). */
  recordDeliveryAttempt(
    deliveryId: string,
    result: { delivered: boolean; error?: string; retryAt: number | null },
    now: number,
  ): Promise<void>;
  getDeliveries(trackingId: string): Promise<DeliveryRecord[]>;

  recordEvents(events: readonly AnalyticsEvent[]): Promise<void>;
  /** Counts events by day, event, outcome, vaccine, certificate kind and region, between two days. */
  analytics(query: { fromDay?: string; toDay?: string }): Promise<AnalyticsCount[]>;

  addApiKey(key: { hash: string; name: string; role: Role }, now: number): Promise<void>;
  findApiKey(hash: string): Promise<{ name: string; role: Role } | undefined>;
}

/** Returns the key of a programme, beneficiary and dose in maps of doses. */
export function doseKey(dose: { programme: string; beneficiaryId: string; dose: number }): string {
  return JSON.stringify([dose.programme, dose.beneficiaryId, dose.dose]);
}
