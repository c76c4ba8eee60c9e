import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';

import type { TrustStore } from './trust.js';

/**
 * Verifies the Ed25519Signature2020 proof of a credential over its URDNA2015 canonical
 * form, in JSON-LD safe mode, loading only bundled contexts and trusted keys. The proof
 * purpose check also requires the key's controller to be the credential's issuer.
 * Returns `false` for any failure, including JSON-LD errors raised by tampered input.
 */
export async function verifyProof(credential: Record<string, unknown>, trust: TrustStore): Promise<boolean> {
  try {
    const result = await jsigs.verify(credential, {
      suite: new Ed25519Signature2020(),
      purpose: new CredentialIssuancePurpose(),
      documentLoader: trust.documentLoader,
    });
    return result.verified;
  } catch {
    return false;
  }
}
