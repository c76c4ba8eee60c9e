import { decodeQrText } from './decode/payload.js';
import { isImageFile, readQrImage, type RgbaImage } from './decode/image.js';
import { detectLegacyPayload, verifyLegacy, type LegacyTrustedKey } from './legacy/index.js';
import { verifyNativeCredential } from './native.js';
import type { VerificationCheck, VerificationResult, VerificationStatus } from './result.js';
import type { StatusListCache } from './status/cache.js';
import { checkCredentialStatus } from './status/check-status.js';
import type { StatusSource } from './status/source.js';
import { createTrustStore, type TrustedIssuer, type TrustStore } from './trust.js';

/** Options of {@link verify}. */
export interface VerifyOptions {
  /**
   * The QR code: its text, its raw bytes (a Co-WIN code contains a ZIP archive), the bytes of a
   * PNG or JPEG image of it, or raw RGBA pixels (for example a canvas `ImageData`).
   */
  readonly qr: string | Uint8Array | RgbaImage;
  /** Issuers whose keys the app trusts: DID documents or single keys. */
  readonly trustedIssuers: readonly TrustedIssuer[];
  /** Keys trusted for Co-WIN and DIVOC certificates, such as India's `did:india` RSA key. */
  readonly trustedLegacyKeys?: readonly LegacyTrustedKey[];
  /** Clock for the validity dates; defaults to the current time. */
  readonly now?: Date;
  /** Tolerated clock difference, in milliseconds; defaults to 5 minutes. */
  readonly maxClockSkewMs?: number;
  /**
   * Source of revocation and suspension lists: a fetcher, an offline snapshot, or both. Without it, a certificate that has status entries gets `status_unknown`.
   */
  readonly statusSource?: StatusSource;
  /** Verified status lists kept between calls; see {@link createStatusListCache}. */
  readonly statusCache?: StatusListCache;
}

/** QR content once any image has been read: text, or the raw bytes of a legacy code. */
type QrContent = { kind: 'text'; text: string } | { kind: 'legacy'; payload: string | Uint8Array };

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

function checkQrArgument(qr: unknown): asserts qr is VerifyOptions['qr'] {
  if (typeof qr === 'string' || qr instanceof Uint8Array) return;
  const image = qr as Partial<RgbaImage> | null;
  const pixels = image?.data instanceof Uint8Array || image?.data instanceof Uint8ClampedArray;
  if (pixels && Number.isInteger(image?.width) && Number.isInteger(image?.height)) return;
  throw new TypeError(
    '"qr" must be the QR text (string), the bytes of a PNG or JPEG image or of a raw QR code (Uint8Array), or RGBA pixels ({ data, width, height })',
  );
}

/**
 * Removes what scanners add around QR text: leading white space, and trailing line breaks
 * and tabs. A trailing space is kept, because it is a base45 character.
 */
function trimScannedText(text: string): string {
  return text.replace(/^\s+/, '').replace(/[\r\n\t]+$/, '');
}

function readContent(qr: VerifyOptions['qr']): { content: QrContent; checks: VerificationCheck[] } | VerificationResult {
  if (typeof qr === 'string') {
    // Every format starts with a letter, so leading white space is never part of a payload.
    const text = qr.replace(/^\s+/, '');
    if (detectLegacyPayload(text)) return { content: { kind: 'legacy', payload: text }, checks: [] };
    return { content: { kind: 'text', text: trimScannedText(text) }, checks: [] };
  }
  if (qr instanceof Uint8Array && !isImageFile(qr)) {
    if (detectLegacyPayload(qr)) return { content: { kind: 'legacy', payload: qr }, checks: [] };
    // Other raw QR bytes are read as Latin-1, one character per byte.
    return { content: { kind: 'text', text: String.fromCharCode(...qr.subarray(0, 8192)) }, checks: [] };
  }

  const image = readQrImage(qr);
  if (!image.ok) {
    const status = image.reason === 'no_qr_code' ? 'no_qr_code' : 'malformed';
    return failure(status, [{ code: 'QR_IMAGE', passed: false, message: image.message }]);
  }
  const checks: VerificationCheck[] = [{ code: 'QR_IMAGE', passed: true, message: 'QR code read from the image' }];
  if (detectLegacyPayload(image.bytes)) return { content: { kind: 'legacy', payload: image.bytes }, checks };
  return { content: { kind: 'text', text: image.text }, checks };
}

/**
 * Verifies a vaccination certificate QR code offline: decodes it, checks the JSON-LD
 * contexts, the credential's shape, that a trusted issuer key signed it, the signature
 * and the validity dates. Co-WIN and DIVOC codes are recognised and verified against
 * `trustedLegacyKeys`. Bad input gives a result, not an exception, and the result lists every
 * check that ran.
 *
 * @throws {TypeError} only for programming errors: `qr` of another type, or malformed
 *   `trustedIssuers`.
 *
 * @example
 * const result = await verify({ qr: scannedText, trustedIssuers: [issuerDidDocument] });
 * if (result.status === 'valid') show(result.certificate);
 */
export async function verify(options: VerifyOptions): Promise<VerificationResult> {
  checkQrArgument(options?.qr);
  const trust = trustStoreFor(options.trustedIssuers);
  const now = options.now ?? new Date();
  const read = readContent(options.qr);
  if ('status' in read) return read;

  if (read.content.kind === 'legacy') {
    const result = await verifyLegacy(read.content.payload, { trustedKeys: options.trustedLegacyKeys ?? [], now });
    return { ...result, checks: [...read.checks, ...result.checks] };
  }

  const decoded = decodeQrText(read.content.text);
  const checks = [...read.checks, ...decoded.checks];
  if (!decoded.ok) {
    return { ...failure(decoded.status, checks), ...(decoded.format ? { format: decoded.format } : {}) };
  }
  return verifyNativeCredential(decoded.credential, checks, decoded.format, {
    trust,
    now,
    maxClockSkewMs: options.maxClockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
    checkStatus: (credential) =>
      checkCredentialStatus(credential, {
        source: options.statusSource ?? {},
        ...(options.statusCache ? { cache: options.statusCache } : {}),
        now,
        documentLoader: trust.documentLoader,
        isTrustedKey: (methodId, issuer) => {
          const key = trust.find(methodId);
          return key !== undefined && key.current && key.method.controller === issuer;
        },
      }),
  });
}
