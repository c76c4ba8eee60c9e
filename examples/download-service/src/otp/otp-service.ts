import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';

import type { OtpSender } from './sender.js';

/** Options of {@link OtpService}. */
export interface OtpServiceOptions {
  readonly sender: OtpSender;
  /** Validity of a password in milliseconds; defaults to 3 minutes. */
  readonly ttlMs?: number;
  /** Wrong guesses allowed per password; the password is deleted after that. Defaults to 5. */
  readonly maxAttempts?: number;
  readonly now?: () => number;
}

/** Reason a verification failed. The HTTP layer returns the same 401 for every reason. */
export type OtpFailure = 'unknown' | 'expired' | 'too-many-attempts' | 'mismatch';

interface PendingOtp {
  readonly mobile: string;
  readonly salt: Buffer;
  readonly hash: Buffer;
  readonly expiresAt: number;
  attempts: number;
}

/**
 * Issues and checks 6-digit one-time passwords. A password is stored only as
 * HMAC-SHA256(salt, transaction ID and password) with a random 16-byte salt per password, so
 * the store never contains it in clear text. State is kept in process memory.
 */
export class OtpService {
  readonly #sender: OtpSender;
  readonly #ttlMs: number;
  readonly #maxAttempts: number;
  readonly #now: () => number;
  readonly #pending = new Map<string, PendingOtp>();

  constructor(options: OtpServiceOptions) {
    this.#sender = options.sender;
    this.#ttlMs = options.ttlMs ?? 180_000;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Creates a password for a mobile number, sends it and returns the transaction ID that
   * verification needs. It runs the same steps whether or not the number has certificates.
   */
  async request(mobile: string): Promise<{ transactionId: string; sent: Promise<void> }> {
    this.#prune();
    const transactionId = randomUUID();
    const otp = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16);
    this.#pending.set(transactionId, {
      mobile,
      salt,
      hash: hashOtp(salt, transactionId, otp),
      expiresAt: this.#now() + this.#ttlMs,
      attempts: 0,
    });
    const sent = this.#sender.send({ mobile, otp, validForSeconds: Math.round(this.#ttlMs / 1000) });
    return { transactionId, sent };
  }

  /** Checks a password and returns the mobile number it was sent to, or the failure reason. */
  verify(transactionId: string, otp: string): { ok: true; mobile: string } | { ok: false; reason: OtpFailure } {
    const pending = this.#pending.get(transactionId);
    if (!pending) return { ok: false, reason: 'unknown' };
    if (this.#now() >= pending.expiresAt) {
      this.#pending.delete(transactionId);
      return { ok: false, reason: 'expired' };
    }
    pending.attempts += 1;
    if (pending.attempts > this.#maxAttempts) {
      this.#pending.delete(transactionId);
      return { ok: false, reason: 'too-many-attempts' };
    }
    const candidate = hashOtp(pending.salt, transactionId, otp);
    if (!timingSafeEqual(candidate, pending.hash)) return { ok: false, reason: 'mismatch' };
    this.#pending.delete(transactionId);
    return { ok: true, mobile: pending.mobile };
  }

  /** Returns the number of passwords waiting for verification. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  #prune(): void {
    const now = this.#now();
    for (const [id, pending] of this.#pending) {
      if (now >= pending.expiresAt) this.#pending.delete(id);
    }
  }
}

function hashOtp(salt: Buffer, transactionId: string, otp: string): Buffer {
  return createHmac('sha256', salt).update(`${transactionId}:${otp}`).digest();
}
