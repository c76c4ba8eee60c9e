import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import didContext from 'did-context';
import ed25519Context from 'ed25519-signature-2020-context';

import { DID_V1_CONTEXT_URL, ED25519_2020_CONTEXT_URL, VACCINATION_CONTEXT_V1_URL } from './urls.js';
import { vaccinationContextV1 } from './vaccination-v1.js';

/** A JSON-LD document, as parsed from JSON. */
export type JsonLdDocument = Readonly<Record<string, unknown>>;

/**
 * Builds the map of every context the SDK ships, keyed by URL: the W3C credentials contexts
 * (v1 and v2), DID Core v1, Ed25519Signature2020 and the vaxcert vaccination context.
 */
export function bundledContexts(): Map<string, JsonLdDocument> {
  const documents = new Map<string, JsonLdDocument>();
  for (const [url, document] of credentialsContexts) {
    documents.set(url, document as JsonLdDocument);
  }
  documents.set(DID_V1_CONTEXT_URL, didContext.contexts.get(DID_V1_CONTEXT_URL) as JsonLdDocument);
  documents.set(ED25519_2020_CONTEXT_URL, ed25519Context.CONTEXT as JsonLdDocument);
  documents.set(VACCINATION_CONTEXT_V1_URL, vaccinationContextV1);
  return documents;
}
