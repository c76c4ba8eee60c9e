export { detectLegacyPayload, LEGACY_BASE64_PREFIX } from './input.js';
export {
  LEGACY_MAX_COMPRESSION_RATIO,
  LEGACY_MAX_ENTRY_BYTES,
  LEGACY_MAX_TEXT_LENGTH,
  LEGACY_MAX_ZIP_BYTES,
  LEGACY_ZIP_ENTRY_NAME,
  LEGACY_ZIP_MAX_ENTRIES,
} from './limits.js';
export { CREDENTIALS_V1_CONTEXT_URL, LEGACY_VACCINATION_CONTEXTS } from './contexts.js';
export type { LegacyVaccinationContext } from './contexts.js';
export { verifyLegacy } from './verify.js';
export type { LegacyTrustedKey, VerifyLegacyOptions } from './types.js';
