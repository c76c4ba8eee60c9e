/**
 * Maximum size of a legacy QR payload, in bytes, once decoded to the ZIP archive. A QR code of
 * version 40 contains at most 2953 bytes in byte mode. The `B64:` text form does not pass
 * through a QR code, so the limit leaves room above that.
 */
export const LEGACY_MAX_ZIP_BYTES = 4096;

/** Maximum length of a legacy QR payload passed as text (Latin-1 or `B64:`), in characters. */
export const LEGACY_MAX_TEXT_LENGTH = 2 * LEGACY_MAX_ZIP_BYTES;

/**
 * Maximum number of entries a legacy ZIP archive may list before its central directory is read.
 * A Co-WIN or DIVOC QR code contains one entry, `certificate.json`.
 */
export const LEGACY_ZIP_MAX_ENTRIES = 16;

/** Maximum uncompressed size of `certificate.json`, in bytes. */
export const LEGACY_MAX_ENTRY_BYTES = 32 * 1024;

/**
 * Maximum ratio of uncompressed to compressed size of `certificate.json`. A signed Co-WIN
 * credential compresses at less than 2 to 1 (the Co-WIN sample: 1811 bytes in 990).
 */
export const LEGACY_MAX_COMPRESSION_RATIO = 20;

/** Name of the one entry in a legacy ZIP archive. */
export const LEGACY_ZIP_ENTRY_NAME = 'certificate.json';
