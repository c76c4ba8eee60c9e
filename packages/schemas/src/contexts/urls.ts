/** URL of the vaxcert vaccination JSON-LD context, version 1. */
export const VACCINATION_CONTEXT_V1_URL = 'https://w3id.org/vaxcert/v1';

/** URL of the W3C Verifiable Credentials Data Model 2.0 context. */
export const CREDENTIALS_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';

/** URL of the Ed25519Signature2020 suite context. */
export const ED25519_2020_CONTEXT_URL = 'https://w3id.org/security/suites/ed25519-2020/v1';

/** URL of the W3C DID Core 1.0 context. */
export const DID_V1_CONTEXT_URL = 'https://www.w3.org/ns/did/v1';

/**
 * The `@context` array of every vaxcert vaccination credential, in this order. Verifiers
 * reject any other list before JSON-LD processing starts.
 */
export const VACCINATION_CREDENTIAL_CONTEXTS = [
  CREDENTIALS_V2_CONTEXT_URL,
  VACCINATION_CONTEXT_V1_URL,
  ED25519_2020_CONTEXT_URL,
] as const;
