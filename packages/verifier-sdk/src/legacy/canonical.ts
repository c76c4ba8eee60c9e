import jsonld from 'jsonld';

import type { CheckLog, StepFailed } from './checks.js';
import {
  CREDENTIALS_V1_CONTEXT_URL,
  getLegacyDocumentLoader,
  LEGACY_VACCINATION_CONTEXTS,
  type LegacyVaccinationContext,
  SECURITY_V2_CONTEXT_URL,
} from './contexts.js';
import { isObject, type LegacyCredential } from './credential.js';

/** The two N-Quads documents a legacy proof signs, and the vaccination context in use. */
export interface CanonicalForms {
  readonly context: LegacyVaccinationContext;
  readonly document: string;
  readonly proofOptions: string;
}

/**
 * Checks the contexts against the allowlist, then canonicalises the credential and the proof
 * options with URDNA2015 in safe mode: a member that no bundled context defines would be left
 * out of the signed data, so it fails this check instead.
 */
export async function canonicalizeLegacy(
  credential: LegacyCredential,
  log: CheckLog,
): Promise<CanonicalForms | StepFailed> {
  const [credentialsUrl, vaccinationUrl, ...rest] = credential['@context'];
  const context = LEGACY_VACCINATION_CONTEXTS.get(vaccinationUrl ?? '');
  if (credentialsUrl !== CREDENTIALS_V1_CONTEXT_URL || context === undefined || rest.length > 0) {
    const expected = `["${CREDENTIALS_V1_CONTEXT_URL}", <Co-WIN or DIVOC vaccination context>]`;
    const message = `"@context" must be ${expected}`;
    return log.fail('unexpected_jsonld', 'JSONLD_CONTEXT', message, '/@context');
  }
  const embedded = findEmbeddedContext(credential, '');
  if (embedded !== undefined) {
    const message = 'JSON-LD keywords other than the top-level "@context" are not allowed';
    return log.fail('unexpected_jsonld', 'JSONLD_CONTEXT', message, embedded);
  }

  const { proof, ...document } = credential;
  const { jws: _jws, signatureValue: _value, proofValue: _proofValue, ...options } = proof;
  try {
    const forms = {
      context,
      document: await canonize(document),
      proofOptions: await canonize({ '@context': SECURITY_V2_CONTEXT_URL, ...options }),
    };
    log.pass('JSONLD_CONTEXT', 'contexts are bundled and define every member');
    return forms;
  } catch (error) {
    return log.fail('unexpected_jsonld', 'JSONLD_CONTEXT', describeJsonLdError(error));
  }
}

// NOTE: jsonld 8 caches resolved contexts by URL in one cache per process, shared by every
// document loader. The allowlist above is what keeps other contexts out of the signed data.
async function canonize(input: object): Promise<string> {
  return jsonld.canonize(input, {
    algorithm: 'URDNA2015',
    format: 'application/n-quads',
    documentLoader: getLegacyDocumentLoader(),
    safe: true,
    // One deep iteration is enough for legacy credentials, even with two equal addresses, and
    // it stops crafted graphs that would make URDNA2015 run for exponential time.
    maxDeepIterations: 1,
  });
}

/**
 * Returns the JSON Pointer of the first JSON-LD keyword key (one starting with `@`) other than
 * the top-level `@context`, if any. Keywords such as `@included`, `@set` or `@id` can move a
 * value out of the node it is displayed from without changing the signed RDF.
 */
function findEmbeddedContext(value: unknown, pointer: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findEmbeddedContext(item, `${pointer}/${index}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;

  for (const [key, item] of Object.entries(value)) {
    const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key === '@context' && pointer === '') continue;
    if (key.startsWith('@')) return child;

    const found = findEmbeddedContext(item, child);
    if (found !== undefined) return found;
  }
  return undefined;
}

function describeJsonLdError(error: unknown): string {
  const details = isObject(error) && isObject(error.details) ? error.details : {};
  const cause = isObject(details.cause) ? details.cause : {};
  if (cause.code === 'ERR_DOCUMENT_NOT_BUNDLED') {
    return `context "${String(details.url)}" is not bundled and is never fetched`;
  }

  const event = isObject(details.event) ? details.event : {};
  const eventDetails = isObject(event.details) ? event.details : {};
  if (typeof eventDetails.property === 'string') {
    return `member "${eventDetails.property}" is not defined by the bundled contexts`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `credential cannot be canonicalised: ${message}`;
}
