import {
  DID_V1_CONTEXT_URL,
  ED25519_2020_CONTEXT_URL,
  createDocumentLoader,
  type DocumentLoader,
  type JsonLdDocument,
} from '@vaxcert/schemas';

/** A public Ed25519VerificationKey2020 key of an issuer. */
export interface TrustedVerificationMethod {
  readonly id: string;
  readonly type: 'Ed25519VerificationKey2020';
  readonly controller: string;
  readonly publicKeyMultibase: string;
  /** Retirement time (ISO 8601): proofs created at or after it are not accepted. */
  readonly revoked?: string;
}

/** An issuer's DID document, as served at `/.well-known/did.json` for `did:web`. */
export interface TrustedDidDocument {
  readonly id: string;
  readonly verificationMethod: readonly TrustedVerificationMethod[];
  /** IDs of the keys that sign certificates now; others must carry `revoked`. */
  readonly assertionMethod?: readonly (string | TrustedVerificationMethod)[];
}

/** A trusted issuer: its DID document, or one of its keys. */
export type TrustedIssuer = TrustedDidDocument | TrustedVerificationMethod;

/** A trusted key found for a proof. */
export interface TrustedKey {
  readonly method: TrustedVerificationMethod;
  /** Whether the key is a current assertion method (`false` for a retired key). */
  readonly current: boolean;
}

/** Trusted keys indexed by ID, and a document loader that serves exactly them. */
export interface TrustStore {
  find(verificationMethodId: string): TrustedKey | undefined;
  /** The DID document served for a controller: its trusted keys as assertion methods. */
  controllerDocument(controller: string): JsonLdDocument | undefined;
  readonly documentLoader: DocumentLoader;
}

const EXPECTED_ISSUER =
  'a DID document ({ id, verificationMethod, assertionMethod }) or a public key ({ id, type, controller, publicKeyMultibase })';

function isKey(issuer: TrustedIssuer): issuer is TrustedVerificationMethod {
  return 'publicKeyMultibase' in issuer;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string "${value.slice(0, 40)}${value.length > 40 ? '…' : ''}"`;
  return value === null ? 'null' : typeof value;
}

function checkIssuer(issuer: unknown, index: number): asserts issuer is TrustedIssuer {
  const valid =
    issuer !== null &&
    typeof issuer === 'object' &&
    ('publicKeyMultibase' in issuer || Array.isArray((issuer as { verificationMethod?: unknown }).verificationMethod));
  if (!valid) {
    throw new TypeError(`trustedIssuers[${index}] must be ${EXPECTED_ISSUER}, got ${describe(issuer)}`);
  }
}

function checkMethod(method: TrustedVerificationMethod): void {
  if (method?.type !== 'Ed25519VerificationKey2020' || typeof method.publicKeyMultibase !== 'string') {
    throw new TypeError(`trusted key "${String(method?.id)}" must be an Ed25519VerificationKey2020`);
  }
  if (typeof method.id !== 'string' || !method.id.startsWith(`${method.controller}#`)) {
    throw new TypeError(`trusted key "${String(method.id)}" must have an ID "<controller>#<fragment>"`);
  }
  if ('privateKeyMultibase' in method) {
    throw new TypeError(`trusted key "${method.id}" contains a private key; pass only the public key`);
  }
}

function collectKeys(issuers: readonly TrustedIssuer[]): Map<string, TrustedKey> {
  const keys = new Map<string, TrustedKey>();
  for (const [index, issuer] of issuers.entries()) {
    checkIssuer(issuer, index);
    if (isKey(issuer)) {
      checkMethod(issuer);
      keys.set(issuer.id, { method: issuer, current: issuer.revoked === undefined });
      continue;
    }
    const assertion = new Set((issuer.assertionMethod ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.id)));
    for (const method of issuer.verificationMethod ?? []) {
      checkMethod(method);
      if (method.controller !== issuer.id) {
        throw new TypeError(`key "${method.id}" is not controlled by "${issuer.id}"`);
      }
      const current = assertion.has(method.id) && method.revoked === undefined;
      if (current || method.revoked !== undefined) keys.set(method.id, { method, current });
    }
  }
  return keys;
}

/**
 * Builds the trust store from the issuers a verifier app trusts. The document loader serves
 * each key, and per controller a minimal DID document that lists its keys as assertion
 * methods. Retirement is checked separately, against the proof's creation time.
 *
 * @throws {TypeError} when an issuer or key is malformed.
 */
export function createTrustStore(issuers: readonly TrustedIssuer[]): TrustStore {
  if (!Array.isArray(issuers)) throw new TypeError('"trustedIssuers" must be an array');
  const keys = collectKeys(issuers);

  const documents = new Map<string, JsonLdDocument>();
  const byController = new Map<string, Record<string, unknown>[]>();
  for (const { method } of keys.values()) {
    const publicKey = {
      id: method.id,
      type: method.type,
      controller: method.controller,
      publicKeyMultibase: method.publicKeyMultibase,
    };
    documents.set(method.id, { '@context': ED25519_2020_CONTEXT_URL, ...publicKey });
    byController.set(method.controller, [...(byController.get(method.controller) ?? []), publicKey]);
  }
  for (const [controller, methods] of byController) {
    documents.set(controller, {
      '@context': [DID_V1_CONTEXT_URL, ED25519_2020_CONTEXT_URL],
      id: controller,
      verificationMethod: methods,
      assertionMethod: methods.map((method) => method.id),
    });
  }

  return {
    find: (id) => keys.get(id),
    controllerDocument: (controller) => (byController.has(controller) ? documents.get(controller) : undefined),
    documentLoader: createDocumentLoader({ documents }),
  };
}
