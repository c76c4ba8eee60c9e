import { decodeQrText } from './decode/payload.js';
import { isImageFile, readQrImage, type RgbaImage } from './decode/image.js';
import { verifyNativeCredential } from './native.js';
import type { VerificationCheck, VerificationResult, VerificationStatus } from './result.js';
import { createTrustStore, type TrustedIssuer, type TrustStore } from './trust.js';

/** Options of {@link verify}. */
export interface VerifyOptions {
  /**
   * The QR code: its text, the bytes of a PNG or JPEG image of it, or raw RGBA pixels
   * (for example a canvas `ImageData`).
   */
  readonly qr: string | Uint8Array | RgbaImage;
  /** Issuers whose keys the app trusts: DID documents or single keys. */
  readonly trustedIssuers: readonly TrustedIssuer[];
  /** Clock for the validity dates; defaults to the current time. */
  readonly now?: Date;
  /** Tolerated clock difference, in milliseconds; defaults to 5 minutes. */
  readonly maxClockSkewMs?: number;
}

const DEFAULT_CLOCK_SKEW_MS = 5 * 60 * 1000;
const trustStores = new WeakMap<readonly TrustedIssuer[], TrustStore>();

function failure(status: VerificationStatus, checks: VerificationCheck[]): VerificationResult {
  return { status, verified: false, legacy: false, checks, warnings: [] };
}

function trustStoreFor(issuers: readonly TrustedIssuer[]): TrustStore {
  let store = trustStores.get(issuers);
  if (!store) {
    store = createTrustStore(issuers);
    trustStores.set(issuers, store);
  }
  return store;
}

function readText(qr: VerifyOptions['qr']): { text: string; checks: VerificationCheck[] } | VerificationResult {
  if (typeof qr === 'string') return { text: qr, checks: [] };
  if (qr instanceof Uint8Array && !isImageFile(qr)) {
    // Raw QR bytes in byte mode: read them as Latin-1, one character per byte.
    return { text: String.fromCharCode(...qr.subarray(0, 8192)), checks: [] };
  }
  const image = readQrImage(qr as Uint8Array | RgbaImage);
  if (!image.ok) {
    const status = image.reason === 'no_qr_code' ? 'no_qr_code' : 'malformed';
    return failure(status, [{ code: 'QR_IMAGE', passed: false, message: image.message }]);
  }
  return { text: image.text, checks: [{ code: 'QR_IMAGE', passed: true, message: 'QR code read from the image' }] };
}

/**
 * Verifies a vaccination certificate QR code offline: decodes it, checks the JSON-LD
 * contexts, the credential's shape, that a trusted issuer key signed it, the signature
 * and the validity dates. It never throws for bad input; the result names every check.
 *
 * @throws {TypeError} only when `trustedIssuers` is malformed (a programming error).
 *
 * @example
 * const result = await verify({ qr: scannedText, trustedIssuers: [issuerDidDocument] });
 * if (result.status === 'valid') show(result.certificate);
 */
export async function verify(options: VerifyOptions): Promise<VerificationResult> {
  const trust = trustStoreFor(options.trustedIssuers);
  const input = readText(options.qr);
  if ('status' in input) return input;

  const decoded = decodeQrText(input.text);
  const checks = [...input.checks, ...decoded.checks];
  if (!decoded.ok) {
    return { ...failure(decoded.status, checks), ...(decoded.format ? { format: decoded.format } : {}) };
  }
  return verifyNativeCredential(decoded.credential, checks, decoded.format, {
    trust,
    now: options.now ?? new Date(),
    maxClockSkewMs: options.maxClockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
  });
}
