import type { CheckLog, StepFailed } from './checks.js';
import { findJsonProblem } from '../decode/json-limits.js';

/** Proof types of legacy credentials, with the key type and JWS algorithm each one uses. */
export const LEGACY_PROOF_SUITES = {
  RsaSignature2018: { keyType: 'RsaVerificationKey2018', alg: 'PS256' },
  Ed25519Signature2018: { keyType: 'Ed25519VerificationKey2018', alg: 'EdDSA' },
} as const;

export type LegacyProofType = keyof typeof LEGACY_PROOF_SUITES;

export type JsonObject = Readonly<Record<string, unknown>>;

/** The proof of a legacy credential: a detached JWS over the canonical credential. */
export interface LegacyProof extends JsonObject {
  readonly type: LegacyProofType;
  readonly verificationMethod: string;
  readonly proofPurpose: 'assertionMethod';
  readonly jws: string;
}

/** A Co-WIN or DIVOC credential whose shape has been checked; other members stay unknown. */
export interface LegacyCredential extends JsonObject {
  readonly '@context': readonly string[];
  readonly credentialSubject: JsonObject;
  readonly evidence: readonly [JsonObject];
  readonly proof: LegacyProof;
}

/** Parses `certificate.json`, which must be UTF-8 text containing one JSON object. */
export function parseCredentialJson(bytes: Uint8Array, log: CheckLog): JsonObject | StepFailed {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'text is not valid UTF-8';
    return log.fail('invalid_json', 'JSON', `certificate.json is not valid JSON: ${reason}`);
  }
  if (!isObject(value)) {
    return log.fail('invalid_json', 'JSON', 'certificate.json does not contain a JSON object');
  }
  const problem = findJsonProblem(value);
  if (problem !== undefined) {
    return log.fail('invalid_json', 'JSON', `certificate.json is invalid: ${problem.message}`, problem.pointer);
  }

  log.pass('JSON', 'certificate.json contains a JSON object');
  return value;
}

/** Checks the members that verification and display rely on, one rule at a time. */
export function checkCredentialShape(
  value: JsonObject,
  log: CheckLog,
): LegacyCredential | StepFailed {
  const fail = (message: string, pointer: string) =>
    log.fail('malformed', 'CREDENTIAL_SHAPE', message, pointer);
  const { proof, evidence } = value;

  // JSON-LD processing needs the contexts as URLs, checked against the bundled ones later.
  const context = value['@context'];
  if (!Array.isArray(context) || !context.every((url) => typeof url === 'string')) {
    return fail('"@context" must be an array of URLs', '/@context');
  }
  // Display fields are read from one subject and one vaccination event.
  if (!isObject(value.credentialSubject)) {
    return fail('"credentialSubject" must be an object', '/credentialSubject');
  }
  if (!Array.isArray(evidence) || evidence.length !== 1 || !isObject(evidence[0])) {
    return fail('"evidence" must contain exactly one vaccination event', '/evidence');
  }
  // One proof, by a supported suite, made for assertions.
  if (!isObject(proof)) {
    return fail('"proof" must be one object', '/proof');
  }
  if (typeof proof.type !== 'string' || !Object.hasOwn(LEGACY_PROOF_SUITES, proof.type)) {
    const supported = Object.keys(LEGACY_PROOF_SUITES).join(' or ');
    return fail(`proof type must be ${supported}`, '/proof/type');
  }
  if (typeof proof.verificationMethod !== 'string') {
    return fail('"verificationMethod" must be a string', '/proof/verificationMethod');
  }
  if (proof.proofPurpose !== 'assertionMethod') {
    return fail('"proofPurpose" must be "assertionMethod"', '/proof/proofPurpose');
  }
  if (typeof proof.jws !== 'string') {
    return fail('"jws" must be a string', '/proof/jws');
  }

  log.pass('CREDENTIAL_SHAPE', 'credential has one subject, one vaccination event and one proof');
  return value as LegacyCredential;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
