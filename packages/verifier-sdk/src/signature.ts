import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';

import type { TrustedVerificationMethod, TrustStore } from './trust.js';

// One suite per trusted key: a suite built with its key verifies proofs that name that key
// without loading or framing the key document again.
const suites = new WeakMap<TrustedVerificationMethod, Promise<Ed25519Signature2020>>();

function suiteFor(method: TrustedVerificationMethod): Promise<Ed25519Signature2020> {
  let suite = suites.get(method);
  if (!suite) {
    suite = Ed25519VerificationKey2020.from({
      id: method.id,
      type: method.type,
      controller: method.controller,
      publicKeyMultibase: method.publicKeyMultibase,
    }).then((key) => new Ed25519Signature2020({ key }));
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
      suite: await suiteFor(key.method),
      purpose: new CredentialIssuancePurpose({ controller }),
      documentLoader: trust.documentLoader,
    });
    return result.verified;
  } catch {
    return false;
  }
}
