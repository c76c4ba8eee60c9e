import { checkCredentialShape, type VaccinationCredential } from '@vaxcert/schemas';

import { checkValidity } from './checks/dates.js';
import { checkJsonLd } from './checks/jsonld.js';
import { displayFields } from './display.js';
import type { PayloadFormat, VerificationCheck, VerificationResult, VerificationStatus } from './result.js';
import { verifyProof } from './signature.js';
import type { CredentialStatusResult, StatusOutcome } from './status/check-status.js';
import type { TrustStore } from './trust.js';

/** Settings shared by every native verification. */
export interface NativeContext {
  readonly trust: TrustStore;
  readonly now: Date;
  readonly maxClockSkewMs: number;
  /** Checks the credential's status lists; runs only once the signature is valid. */
  readonly checkStatus: (credential: Record<string, unknown>) => Promise<CredentialStatusResult>;
}

interface TrustOutcome {
  check: VerificationCheck;
  /** The proof names a key in the trust store. */
  keyFound: boolean;
  /** The key's controller is the credential's issuer. */
  issuerMatches: boolean;
  /** The key was retired before the proof was created. */
  retired: boolean;
}

function proofOf(credential: Record<string, unknown>): { verificationMethod?: unknown; created?: unknown } | undefined {
  const proof = credential.proof;
  return proof !== null && typeof proof === 'object' && !Array.isArray(proof) ? proof : undefined;
}

function trustFailure(message: string, pointer: string, outcome: Omit<TrustOutcome, 'check'>): TrustOutcome {
  return { check: { code: 'ISSUER_TRUST', passed: false, message, pointer }, ...outcome };
}

function checkTrust(credential: Record<string, unknown>, trust: TrustStore): TrustOutcome {
  const proof = proofOf(credential);
  const method = proof?.verificationMethod;
  const found = typeof method === 'string' ? trust.find(method) : undefined;
  if (!found) {
    const message = typeof method === 'string' ? 'signing key is not a trusted issuer key' : 'proof names no signing key';
    return trustFailure(message, '/proof/verificationMethod', { keyFound: false, issuerMatches: false, retired: false });
  }
  if (found.method.controller !== credential.issuer) {
    return trustFailure('signing key does not belong to the issuer', '/issuer', { keyFound: true, issuerMatches: false, retired: false });
  }
  const created = typeof proof?.created === 'string' ? Date.parse(proof.created) : NaN;
  if (!found.current && !(created < Date.parse(found.method.revoked ?? ''))) {
    return trustFailure('signing key was retired before the proof was created', '/proof/created', { keyFound: true, issuerMatches: true, retired: true });
  }
  return {
    check: { code: 'ISSUER_TRUST', passed: true, message: 'signing key belongs to a trusted issuer' },
    keyFound: true,
    issuerMatches: true,
    retired: false,
  };
}

function overallStatus(flags: {
  keyFound: boolean;
  signature: boolean;
  issuerMatches: boolean;
  retired: boolean;
  shape: boolean;
  expired: boolean;
  notYetValid: boolean;
  statusOutcome: StatusOutcome;
}): VerificationStatus {
  if (!flags.keyFound) return 'untrusted_issuer';
  if (!flags.signature || !flags.issuerMatches) return 'invalid_signature';
  if (flags.retired) return 'untrusted_issuer';
  if (!flags.shape) return 'malformed';
  if (flags.statusOutcome === 'revoked' || flags.statusOutcome === 'suspended') return flags.statusOutcome;
  if (flags.expired) return 'expired';
  if (flags.notYetValid) return 'not_yet_valid';
  if (flags.statusOutcome === 'status_unknown') return 'status_unknown';
  return 'valid';
}

/**
 * Verifies a decoded vaxcert credential: JSON-LD context allowlist, shape, issuer trust,
 * signature, validity dates and, through `context.checkStatus`, its status lists.
 */
export async function verifyNativeCredential(
  credential: Record<string, unknown>,
  decodeChecks: readonly VerificationCheck[],
  format: PayloadFormat,
  context: NativeContext,
): Promise<VerificationResult> {
  const checks: VerificationCheck[] = [...decodeChecks];
  const base = { format, legacy: false, warnings: [], credential } as const;

  const jsonLd = checkJsonLd(credential);
  checks.push(jsonLd);
  if (!jsonLd.passed) return { ...base, status: 'unexpected_jsonld', verified: false, checks };

  const issues = checkCredentialShape(credential);
  const first = issues[0];
  checks.push(
    first
      ? { code: 'CREDENTIAL_SHAPE', passed: false, message: `credential ${first.message}`, pointer: first.pointer }
      : { code: 'CREDENTIAL_SHAPE', passed: true, message: 'credential matches the vaccination credential schema' },
  );

  const trust = checkTrust(credential, context.trust);
  checks.push(trust.check);
  let signature = false;
  if (trust.keyFound) {
    signature = await verifyProof(credential, context.trust);
    checks.push(
      signature
        ? { code: 'SIGNATURE', passed: true, message: 'signature is valid' }
        : { code: 'SIGNATURE', passed: false, message: 'signature does not match the credential', pointer: '/proof' },
    );
  }

  const validity = checkValidity(credential, context.now, context.maxClockSkewMs);
  checks.push(...validity.checks);

  let statusOutcome: StatusOutcome = 'valid';
  if (signature && trust.issuerMatches && !trust.retired && first === undefined) {
    try {
      const status = await context.checkStatus(credential);
      checks.push(...status.checks);
      statusOutcome = status.outcome;
    } catch (error) {
      // A status source that throws (a broken fetcher or snapshot) leaves the status unknown.
      const reason = error instanceof Error ? error.name : typeof error;
      checks.push({ code: 'REVOCATION', passed: false, message: `status check failed (${reason})` });
      statusOutcome = 'status_unknown';
    }
  }

  const status = overallStatus({ ...trust, signature, shape: first === undefined, ...validity, statusOutcome });
  // Fields are shown only for a credential a trusted key signed, so an app never displays
  // data an attacker wrote.
  const signedByTrustedKey = signature && trust.issuerMatches && !trust.retired;
  const certificate =
    first === undefined && signedByTrustedKey ? displayFields(credential as unknown as VaccinationCredential) : undefined;
  return { ...base, status, verified: status === 'valid', checks, ...(certificate ? { certificate } : {}) };
}
