/**
 * Largest compact credential, in CBOR bytes, that the format allows. A compact-profile
 * certificate is about 250 bytes and a full-profile one about 400, so the limit leaves
 * room for status entries and future fields while bounding what a reader allocates.
 */
export const MAX_COMPACT_CREDENTIAL_BYTES = 8192;

/** Deepest nesting of CBOR arrays, maps and tags in a compact credential. */
export const MAX_COMPACT_DEPTH = 16;
