export { IssuerError, RequestValidationError } from './errors.js';
export type { IssuerErrorCode, RequestIssue } from './errors.js';
export { exportIssuerKey, generateIssuerKey, importIssuerKey } from './keys/issuer-key.js';
export type {
  Ed25519KeyPair,
  GenerateIssuerKeyOptions,
  IssuerKey,
  SerializedIssuerKey,
} from './keys/issuer-key.js';
export { loadIssuerKey, saveIssuerKey } from './keys/key-file.js';
export { createDidDocument, didWebFromUrl } from './keys/did-document.js';
export type { CreateDidDocumentOptions, IssuerDidDocument } from './keys/did-document.js';
export { issue } from './issue/issue.js';
export type { IssueOptions, IssueResult } from './issue/issue.js';
export { validateCertifyRequest } from './issue/validate.js';
export type { ValidateOptions } from './issue/validate.js';
export { ageOn, certificateKindOf } from './issue/build-credential.js';
export type { CredentialProfile } from './issue/build-credential.js';
export { encodeQrPayload } from './qr/payload.js';
export type { QrPayloadFormat } from './qr/payload.js';
export { renderQr } from './qr/render.js';
export type { ErrorCorrectionLevel, RenderedQr, RenderQrOptions } from './qr/render.js';
export { signCredential } from './internal/sign.js';
export { MIN_STATUS_LIST_LENGTH, StatusListManager } from './status/manager.js';
export type { CertificateStatus, StatusChangeOptions, StatusListManagerOptions } from './status/manager.js';
export { createMemoryStatusListStore } from './status/store.js';
export type { StatusListRecord, StatusListStore, StatusPurpose } from './status/store.js';
export { signStatusList } from './status/publish.js';
export type { BitstringStatusListCredential, SignStatusListInput } from './status/publish.js';
export {
  certificateRecordOf,
  createMemoryCertificateRegistry,
  revokeBeneficiaryDoses,
} from './status/registry.js';
export type { CertificateRecord, CertificateRegistry, RevokeBeneficiaryDosesOptions } from './status/registry.js';
export { DEFAULT_CORRECTION_LIMIT, correctCertificate } from './correction/correct.js';
export type { CorrectCertificateOptions } from './correction/correct.js';
export { createMemoryCorrectionStore } from './correction/store.js';
export type { CorrectionRecord, CorrectionStore } from './correction/store.js';
