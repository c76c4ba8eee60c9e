/**
 * Prefix of a plain vaxcert QR payload: the signed credential as UTF-8 JSON, compressed
 * with zlib (RFC 1950) and encoded in base45 (RFC 9285). The digit is the format version.
 * `HC1:` (EU DCC) and `shc:/` (SMART Health Cards) codes never start with it.
 */
export const QR_PREFIX_PLAIN = 'VC1:';

/**
 * Largest decompressed credential, in bytes, that a verifier inflates. A signed
 * certificate is about 1.3 KB; anything past this limit is rejected as a possible zip bomb.
 */
export const MAX_DECOMPRESSED_BYTES = 32 * 1024;

/**
 * Maximum payload length, in characters, a verifier accepts: the alphanumeric capacity of a
 * version 40 QR code at error correction level L.
 */
export const MAX_PAYLOAD_CHARS = 4296;
