export { verify } from './verify.js';
export type { VerifyOptions } from './verify.js';
export { createTrustStore } from './trust.js';
export type {
  TrustedDidDocument,
  TrustedIssuer,
  TrustedKey,
  TrustedVerificationMethod,
  TrustStore,
} from './trust.js';
export { decodeQrText } from './decode/payload.js';
export type { DecodedPayload } from './decode/payload.js';
export { decodeBase45 } from './decode/base45.js';
export { inflateBounded } from './decode/inflate.js';
export type { InflateResult } from './decode/inflate.js';
export { MAX_IMAGE_PIXELS, decodeImageFile, readQrImage } from './decode/image.js';
export type { QrImageContent, RgbaImage } from './decode/image.js';
export { doseLabel } from './display.js';
export type {
  CertificateDisplay,
  CheckCode,
  PayloadFormat,
  VerificationCheck,
  VerificationResult,
  VerificationStatus,
  VerificationWarning,
} from './result.js';
export {
  CREDENTIALS_V1_CONTEXT_URL,
  LEGACY_BASE64_PREFIX,
  LEGACY_MAX_COMPRESSION_RATIO,
  LEGACY_MAX_ENTRY_BYTES,
  LEGACY_MAX_TEXT_LENGTH,
  LEGACY_MAX_ZIP_BYTES,
  LEGACY_VACCINATION_CONTEXTS,
  LEGACY_ZIP_ENTRY_NAME,
  LEGACY_ZIP_MAX_ENTRIES,
  detectLegacyPayload,
  verifyLegacy,
} from './legacy/index.js';
export type { LegacyTrustedKey, LegacyVaccinationContext, VerifyLegacyOptions } from './legacy/index.js';
export { checkCredentialStatus } from './status/check-status.js';
export type {
  CheckCredentialStatusOptions,
  CredentialStatusResult,
  StatusEntryDetail,
  StatusOutcome,
} from './status/check-status.js';
export { createStatusListCache } from './status/cache.js';
export type { StatusListCache, StatusListCacheOptions } from './status/cache.js';
export type { StatusSource } from './status/source.js';
export type { StatusListOrigin, VerifiedStatusList } from './status/list.js';
export type { IsTrustedKey } from './status/verify-list.js';
export { decodeCompactQrText } from './decode/compact.js';
