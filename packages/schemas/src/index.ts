export {
  CREDENTIALS_V2_CONTEXT_URL,
  DID_V1_CONTEXT_URL,
  ED25519_2020_CONTEXT_URL,
  VACCINATION_CONTEXT_V1_URL,
  VACCINATION_CREDENTIAL_CONTEXTS,
} from './contexts/urls.js';
export { vaccinationContextV1 } from './contexts/vaccination-v1.js';
export { bundledContexts } from './contexts/bundled.js';
export type { JsonLdDocument } from './contexts/bundled.js';
export { createDocumentLoader, getBundledContext } from './loader/document-loader.js';
export type { DocumentLoader, DocumentLoaderOptions, RemoteDocument } from './loader/document-loader.js';
export { DocumentNotBundledError } from './loader/errors.js';
export type { SchemasErrorCode } from './loader/errors.js';
export { certifyRequestSchema } from './json-schemas/certify-request.js';
export { vaccinationCredentialSchema } from './json-schemas/credential.js';
export { checkCertifyRequestShape, checkCredentialShape } from './json-schemas/validate.js';
export type { ValidationIssue } from './json-schemas/validate.js';
export { covid19Vaccines } from './value-sets/vaccines.js';
export type { VaccineEntry, VaccineValueSet } from './value-sets/vaccines.js';
export { createVaccineCatalog } from './value-sets/lookup.js';
export type { VaccineCatalog, VaccineCatalogOptions } from './value-sets/lookup.js';
export type { CertifyAddress, CertifyRequest } from './types/certify-request.js';
export type {
  CertificateKind,
  CredentialAddress,
  Ed25519Signature2020Proof,
  StatusListEntry,
  UnsignedVaccinationCredential,
  VaccinationCredential,
  VaccinationEvidence,
  VaccinationSubject,
} from './types/credential.js';
export { MAX_DECOMPRESSED_BYTES, MAX_PAYLOAD_CHARS, QR_PREFIX_PLAIN } from './qr-format.js';
export { QR_PREFIX_COMPACT, getCompactDictionary } from './compact/format.js';
export { encodeCompactCredential } from './compact/encode.js';
export { decodeCompactCredential } from './compact/decode.js';
export { CompactDecodeError } from './compact/errors.js';
export type { CompactDecodeErrorCode } from './compact/errors.js';
export { MAX_COMPACT_CREDENTIAL_BYTES, MAX_COMPACT_DEPTH } from './compact/limits.js';
