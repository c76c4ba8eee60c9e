import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import * as base58 from 'base58-universal';
import type { DocumentLoader } from '@vaxcert/schemas';
import { canonizeDocument } from '@vaxcert/schemas/canonize';

import type { TrustedVerificationMethod, TrustStore } from './trust.js';

// One suite per trusted key: a suite built with its key verifies proofs that name that key
// without loading or framing the key document again.
const suites = new WeakMap<TrustedVerificationMethod, Promise<Ed25519Signature2020>>();

// Multicodec header of an Ed25519 public key in `publicKeyMultibase`.
const ED25519_PUBLIC_HEADER = [0xed, 0x01];

/**
 * Imports the key into WebCrypto once, where the runtime supports Ed25519 (Node.js 20,
 * Chromium 137 and later), so each verification reuses it instead of rebuilding the key.
 * Returns `undefined` where it does not; the library's own verifier is used then.
 */
async function webCryptoVerifier(method: TrustedVerificationMethod) {
  const bytes = method.publicKeyMultibase.startsWith('z') ? base58.decode(method.publicKeyMultibase.slice(1)) : undefined;
  if (bytes?.length !== 34 || bytes[0] !== ED25519_PUBLIC_HEADER[0] || bytes[1] !== ED25519_PUBLIC_HEADER[1]) return undefined;
  try {
    const publicKey = await globalThis.crypto.subtle.importKey('raw', bytes.slice(2), { name: 'Ed25519' }, false, ['verify']);
    return {
      id: method.id,
      algorithm: 'Ed25519',
      verify: ({ data, signature }: { data: Uint8Array; signature: Uint8Array }) =>
        globalThis.crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>),
    };
  } catch {
    return undefined;
  }
}

/**
 * Ed25519Signature2020 that canonicalizes the proof options through `canonizeDocument`,
 * which gives jsonld's N-Quads and reuses the expansion of earlier proofs of the same
 * shape. The proof options are small, but expanding them copies the active context of the
 * type-scoped Ed25519Signature2020 context, which is most of their cost. The credential
 * itself keeps jsonld's own path, because the QR code's author controls its values and a
 * verifier relies on exactly jsonld's reading of them.
 */
class ProofTemplateSuite extends Ed25519Signature2020 {
  readonly #documentLoader: DocumentLoader;

  constructor(options: { key: unknown; documentLoader: DocumentLoader }) {
    super({ key: options.key });
    this.#documentLoader = options.documentLoader;
  }

  override async canonizeProof(proof: Record<string, unknown>, options: { document: Record<string, unknown>; documentLoader: unknown }): Promise<string> {
    const context = options.document['@context'];
    if (context === undefined) return super.canonizeProof(proof, options);

    // The proof options exactly as jsonld-signatures builds them.
    const { jws: _jws, signatureValue: _signatureValue, proofValue: _proofValue, ...rest } = proof;
    try {
      return await canonizeDocument({ '@context': context, ...rest }, this.#documentLoader);
    } catch {
      // jsonld-signatures' own path also serves the security contexts, which the trust
      // store's loader does not, so a failure here is decided there.
      return super.canonizeProof(proof, options);
    }
  }
}

async function createSuite(method: TrustedVerificationMethod, documentLoader: DocumentLoader): Promise<Ed25519Signature2020> {
  const key = await Ed25519VerificationKey2020.from({
    id: method.id,
    type: method.type,
    controller: method.controller,
    publicKeyMultibase: method.publicKeyMultibase,
  });
  const verifier = await webCryptoVerifier(method);
  if (verifier) key.verifier = () => verifier;
  return new ProofTemplateSuite({ key, documentLoader });
}

function suiteFor(method: TrustedVerificationMethod, documentLoader: DocumentLoader): Promise<Ed25519Signature2020> {
  let suite = suites.get(method);
  if (!suite) {
    suite = createSuite(method, documentLoader);
    suites.set(method, suite);
  }
  return suite;
}

/**
 * Verifies the Ed25519Signature2020 proof of a credential over its URDNA2015 canonical
 * form, in JSON-LD safe mode, loading only bundled contexts and trusted keys. The proof
 * purpose check also requires the key's controller to be the credential's issuer and the
 * key to be one of its assertion methods. Returns `false` for any failure, including
 * JSON-LD errors raised by tampered input.
 */
export async function verifyProof(credential: Record<string, unknown>, trust: TrustStore): Promise<boolean> {
  const proof = credential.proof as { verificationMethod?: unknown } | undefined;
  const key = typeof proof?.verificationMethod === 'string' ? trust.find(proof.verificationMethod) : undefined;
  const controller = key ? trust.controllerDocument(key.method.controller) : undefined;
  if (!key || !controller) return false;

  try {
    const result = await jsigs.verify(credential, {
      suite: await suiteFor(key.method, trust.documentLoader),
      purpose: new CredentialIssuancePurpose({ controller }),
      documentLoader: trust.documentLoader,
    });
    return result.verified;
  } catch {
    return false;
  }
}
