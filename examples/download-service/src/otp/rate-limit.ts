/**
 * Fixed-window request counter per key (a mobile number or a client address). State is kept in
 * process memory, so each process of a cluster counts on its own.
 */
export class FixedWindowLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(options: { limit: number; windowMs: number; now?: () => number }) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  /** Counts one request for a key and returns whether it is within the limit. */
  take(key: string): boolean {
    const now = this.#now();
    this.#prune(now);
    const window = this.#windows.get(key);
    if (!window || now - window.start >= this.#windowMs) {
      this.#windows.set(key, { start: now, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= this.#limit;
  }

  /** Returns the seconds until the window of a key ends, for a `Retry-After` header. */
  retryAfterSeconds(key: string): number {
    const window = this.#windows.get(key);
    if (!window) return 0;
    return Math.max(1, Math.ceil((window.start + this.#windowMs - this.#now()) / 1000));
  }

  // Drops finished windows once the map grows, so unique keys cannot exhaust memory.
  #prune(now: number): void {
    if (this.#windows.size < 10_000) return;
    for (const [key, window] of this.#windows) {
      if (now - window.start >= this.#windowMs) this.#windows.delete(key);
    }
  }
}
