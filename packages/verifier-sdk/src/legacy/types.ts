/**
 * A public key the caller trusts for Co-WIN or DIVOC certificates issued before this SDK.
 *
 * @example
 * const india: LegacyTrustedKey = {
 *   id: 'did:india',
 *   type: 'RsaVerificationKey2018',
 *   publicKeyPem: '-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----',
 * };
 */
export interface LegacyTrustedKey {
  /** The `verificationMethod` exactly as it appears in proofs, for example `did:india`. */
  readonly id: string;
  /**
   * `RsaVerificationKey2018` verifies RsaSignature2018 proofs and `Ed25519VerificationKey2018`
   * verifies Ed25519Signature2018 proofs.
   */
  readonly type: 'RsaVerificationKey2018' | 'Ed25519VerificationKey2018';
  /** SubjectPublicKeyInfo in PEM (`-----BEGIN PUBLIC KEY-----`), for either key type. */
  readonly publicKeyPem?: string;
  /** The raw 32-byte Ed25519 public key in base58btc, used when `publicKeyPem` is absent. */
  readonly publicKeyBase58?: string;
}

/** Options of {@link verifyLegacy}. */
export interface VerifyLegacyOptions {
  /** Keys whose signatures are accepted. A proof by any other `verificationMethod` is untrusted. */
  readonly trustedKeys: readonly LegacyTrustedKey[];
  /** Clock for the `issuanceDate` and `expirationDate` checks. Defaults to the current time. */
  readonly now?: Date;
}
