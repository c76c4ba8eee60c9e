import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader, type DocumentLoader } from '@vaxcert/schemas';

import { IssuerError } from '../errors.js';
import type { IssuerKey } from '../keys/issuer-key.js';
import { canonizeDocument } from '@vaxcert/schemas/canonize';
import { signerFor, type Signer } from './signer.js';

const bundledLoader = createDocumentLoader();

/**
 * Ed25519Signature2020 with canonicalization through {@link canonizeDocument}, which
 * gives the same N-Quads as the suite's own and reuses the expansion of earlier documents
 * of the same shape. Both the credential and the proof options go through it.
 * `jsonld-signatures` wraps the document loader anew on every call, so templates are kept
 * for the loader given here, which serves every context the credential names.
 */
class TemplatedEd25519Signature2020 extends Ed25519Signature2020 {
  readonly #documentLoader: DocumentLoader;

  constructor(options: { signer: Signer; date: Date; documentLoader: DocumentLoader }) {
    super({ signer: options.signer, date: options.date });
    this.#documentLoader = options.documentLoader;
  }

  override async canonize(input: object, options: { documentLoader: DocumentLoader; skipExpansion?: boolean }): Promise<string> {
    if (options.skipExpansion === true) return super.canonize(input, options);
    try {
      return await canonizeDocument(input, this.#documentLoader);
    } catch {
      // jsonld-signatures' own path also serves the security contexts through its loader,
      // so a failure here is decided there.
      return super.canonize(input, options);
    }
  }
}

/**
 * Signs a credential with Ed25519Signature2020. JSON-LD safe mode is on (the default of
 * `@digitalbazaar/vc` 7), so a term missing from the contexts fails signing instead of
 * being dropped from the signed data. Returns a new object; the input is not modified.
 * Canonicalization reuses the expansion of earlier credentials of the same shape, so
 * `documentLoader` must return the same document for a URL every time.
 */
export async function signCredential<T extends object>(options: {
  credential: T;
  key: IssuerKey;
  date: Date;
  documentLoader?: DocumentLoader;
}): Promise<T & { proof: Record<string, unknown> }> {
  try {
    const documentLoader = options.documentLoader ?? bundledLoader;
    const suite = new TemplatedEd25519Signature2020({ signer: signerFor(options.key), date: options.date, documentLoader });
    const signed = await vc.issue({
      credential: structuredClone(options.credential),
      suite,
      documentLoader,
      now: options.date,
    });
    return signed as T & { proof: Record<string, unknown> };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new IssuerError('ERR_SIGNING_FAILED', `signing failed: ${reason}`, { cause });
  }
}
