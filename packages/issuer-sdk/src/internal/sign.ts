import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader, type DocumentLoader } from '@vaxcert/schemas';

import { IssuerError } from '../errors.js';
import type { IssuerKey } from '../keys/issuer-key.js';
import { signerFor } from './signer.js';

const bundledLoader = createDocumentLoader();

/**
 * Signs a credential with Ed25519Signature2020. JSON-LD safe mode is on (the default of
 * `@digitalbazaar/vc` 7), so a term missing from the contexts fails signing instead of
 * being dropped from the signed data. Returns a new object; the input is not modified.
 */
export async function signCredential<T extends object>(options: {
  credential: T;
  key: IssuerKey;
  date: Date;
  documentLoader?: DocumentLoader;
}): Promise<T & { proof: Record<string, unknown> }> {
  try {
    const suite = new Ed25519Signature2020({ signer: signerFor(options.key), date: options.date });
    const signed = await vc.issue({
      credential: structuredClone(options.credential),
      suite,
      documentLoader: options.documentLoader ?? bundledLoader,
      now: options.date,
    });
    return signed as T & { proof: Record<string, unknown> };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new IssuerError('ERR_SIGNING_FAILED', `signing failed: ${reason}`, { cause });
  }
}
