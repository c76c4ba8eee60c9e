import securityContexts from '@digitalbazaar/security-context';
import { createDocumentLoader, type DocumentLoader, type JsonLdDocument } from '@vaxcert/schemas';
import vaccinationContexts from 'vaccination-context';

import type { PayloadFormat } from '../result.js';

/** URL of the W3C Verifiable Credentials Data Model 1.1 context. */
export const CREDENTIALS_V1_CONTEXT_URL = 'https://www.w3.org/2018/credentials/v1';

/** Context of the proof options that RsaSignature2018 and Ed25519Signature2018 sign. */
export const SECURITY_V2_CONTEXT_URL = 'https://w3id.org/security/v2';
const SECURITY_V1_CONTEXT_URL = 'https://w3id.org/security/v1';

/** A vaccination context that legacy certificates may name, with the format it marks. */
export interface LegacyVaccinationContext {
  readonly format: Extract<PayloadFormat, 'cowin-legacy' | 'divoc-legacy'>;
  readonly document: JsonLdDocument;
}

const { vaccinationContext: contextV1, vaccinationContextV2: contextV2 } = vaccinationContexts;

/**
 * Vaccination contexts of Co-WIN and DIVOC credentials, from the npm package
 * `vaccination-context` 1.1.0. DIVOC's verification app resolves its `divoc.dev` URLs to the
 * same two documents, and the DIVOC Ed25519Signature2018 sample verifies that way.
 */
export const LEGACY_VACCINATION_CONTEXTS: ReadonlyMap<string, LegacyVaccinationContext> = new Map([
  ['https://cowin.gov.in/credentials/vaccination/v1', cowin(contextV1)],
  ['https://cowin.gov.in/credentials/vaccination/v2', cowin(contextV2)],
  ['https://divoc.dev/credentials/vaccination/v1', divoc(contextV1)],
  ['https://divoc.dev/credentials/vaccination/v2', divoc(contextV2)],
]);

function cowin(document: unknown): LegacyVaccinationContext {
  return { format: 'cowin-legacy', document: document as JsonLdDocument };
}

function divoc(document: unknown): LegacyVaccinationContext {
  return { format: 'divoc-legacy', document: document as JsonLdDocument };
}

let loader: DocumentLoader | undefined;

/**
 * Returns the document loader for legacy credentials: the contexts bundled by
 * `@vaxcert/schemas`, the vaccination contexts above and the security v1 and v2 contexts
 * (from `@digitalbazaar/security-context`). Any other URL rejects with
 * `ERR_DOCUMENT_NOT_BUNDLED`, and nothing is fetched.
 */
export function getLegacyDocumentLoader(): DocumentLoader {
  loader ??= createLoader();
  return loader;
}

function createLoader(): DocumentLoader {
  const documents = new Map<string, JsonLdDocument>();
  for (const [url, context] of LEGACY_VACCINATION_CONTEXTS) documents.set(url, context.document);
  for (const url of [SECURITY_V1_CONTEXT_URL, SECURITY_V2_CONTEXT_URL]) {
    documents.set(url, securityContexts.contexts.get(url) as JsonLdDocument);
  }
  return createDocumentLoader({ documents });
}
