import { canonicalizeLegacy } from './canonical.js';
import { CheckLog, StepFailed } from './checks.js';
import { checkCredentialShape, parseCredentialJson, type LegacyCredential } from './credential.js';
import { checkValidityDates } from './dates.js';
import { toCertificateDisplay } from './display.js';
import { readLegacyInput } from './input.js';
import { resolveTrustedKeys } from './keys.js';
import { verifyLegacySignature } from './signature.js';
import type { VerifyLegacyOptions } from './types.js';
import { findUnprotectedFields } from './unprotected.js';
import { readCertificateEntry } from './zip.js';
import type { PayloadFormat, VerificationResult, VerificationStatus, VerificationWarning } from '../result.js';

/** Facts about the credential that verification learned before it ended. */
interface Findings {
  format?: PayloadFormat;
  credential?: LegacyCredential;
  warnings: VerificationWarning[];
}

const SIGNED_STATUSES = new Set<VerificationStatus>(['valid', 'expired', 'not_yet_valid']);

/**
 * Verifies a Co-WIN or DIVOC certificate QR payload offline: raw QR bytes, the same bytes as a
 * Latin-1 string, or the `B64:` text form. It never throws: every outcome, including bad
 * input, is a result whose `checks` list each step in order. A valid result still carries an
 * `UNPROTECTED_FIELDS` warning for the display fields the signature does not bind.
 *
 * @example
 * const result = await verifyLegacy(scannedText, {
 *   trustedKeys: [{ id: 'did:india', type: 'RsaVerificationKey2018', publicKeyPem }],
 * });
 * if (result.verified) show(result.certificate, result.warnings);
 */
export async function verifyLegacy(
  input: string | Uint8Array,
  options: VerifyLegacyOptions,
): Promise<VerificationResult> {
  const log = new CheckLog();
  const findings: Findings = { warnings: [] };
  try {
    const outcome = await runChecks(input, options, log, findings);
    return buildResult(outcome instanceof StepFailed ? outcome.status : 'valid', log, findings);
  } catch (error) {
    // Reached only through a defect in a dependency or in this module, never by design.
    const reason = error instanceof Error ? error.message : String(error);
    const message = `verification stopped on an unexpected error: ${reason}`;
    log.fail('malformed', 'PAYLOAD_FORMAT', message);
    return buildResult('malformed', log, findings);
  }
}

async function runChecks(
  input: unknown,
  options: VerifyLegacyOptions | undefined,
  log: CheckLog,
  findings: Findings,
): Promise<true | StepFailed> {
  const archive = readLegacyInput(input, log);
  if (archive instanceof StepFailed) return archive;
  const entry = readCertificateEntry(archive, log);
  if (entry instanceof StepFailed) return entry;
  const json = parseCredentialJson(entry, log);
  if (json instanceof StepFailed) return json;
  const credential = checkCredentialShape(json, log);
  if (credential instanceof StepFailed) return credential;
  findings.credential = credential;

  const forms = await canonicalizeLegacy(credential, log);
  if (forms instanceof StepFailed) return forms;
  findings.format = forms.context.format;
  findings.warnings.push(unprotectedFieldsWarning(findUnprotectedFields(forms.context.document)));

  const keys = await resolveTrustedKeys(credential.proof, options?.trustedKeys, log);
  if (keys instanceof StepFailed) return keys;
  const signature = await verifyLegacySignature(credential.proof, forms, keys, log);
  if (signature instanceof StepFailed) return signature;

  const now = options?.now instanceof Date ? options.now : new Date();
  return checkValidityDates(credential, now, log);
}

function unprotectedFieldsWarning(fields: readonly string[]): VerificationWarning {
  return {
    code: 'UNPROTECTED_FIELDS',
    fields,
    message:
      'the signature does not bind these fields to their values: the vaccination context maps ' +
      'each of them to the same IRI as another field, so their values can be swapped',
  };
}

function buildResult(
  status: VerificationResult['status'],
  log: CheckLog,
  findings: Findings,
): VerificationResult {
  const { credential, format, warnings } = findings;
  return {
    status,
    verified: status === 'valid',
    ...(format === undefined ? {} : { format }),
    legacy: true,
    checks: log.checks,
    warnings: warnings.filter((warning) => warning.fields.length > 0),
    ...(credential === undefined ? {} : { credential }),
    // Fields are shown only once the signature holds, so an app never displays forged data.
    ...(credential !== undefined && SIGNED_STATUSES.has(status) ? { certificate: toCertificateDisplay(credential) } : {}),
  };
}
