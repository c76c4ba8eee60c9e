import { randomUUID } from 'node:crypto';

import {
  createVaccineCatalog,
  type CertifyRequest,
  type StatusListEntry,
  type VaccinationCredential,
  type VaccineCatalog,
} from '@vaxcert/schemas';

import { RequestValidationError } from '../errors.js';
import { signCredential } from '../internal/sign.js';
import type { IssuerKey } from '../keys/issuer-key.js';
import { encodeQrPayload, type QrPayloadFormat } from '../qr/payload.js';
import { buildCredential, type CredentialProfile } from './build-credential.js';
import { TextNormalizationError, normalizeText } from './normalize.js';
import { validateCertifyRequest } from './validate.js';

/** Options of {@link issue}. */
export interface IssueOptions {
  /** A certify request in Co-WIN's CertificationRequestV2 shape; it is not modified. */
  readonly request: unknown;
  /** The signing key; its controller DID becomes the credential's issuer. */
  readonly key: IssuerKey;
  /** Vaccine catalog; defaults to the bundled COVID-19 value set. */
  readonly vaccines?: VaccineCatalog;
  /** Issuance time, used for `validFrom`, the proof and the future-date check. */
  readonly now?: Date;
  /** Optional end of validity; vaccination certificates usually have none. */
  readonly validUntil?: Date;
  /** Status list entries (revocation, suspension) to embed. */
  readonly credentialStatus?: readonly StatusListEntry[];
  /** QR payload format; defaults to `plain`. */
  readonly qrFormat?: QrPayloadFormat;
  /**
   * Set of fields in the signed credential; defaults to `full`. `compact` leaves out the
   * postal addresses and the vaccinator's identifier (see `docs/qr-format.md`).
   */
  readonly profile?: CredentialProfile;
}

/** Result of {@link issue}. */
export interface IssueResult {
  /** The signed credential. */
  readonly credential: VaccinationCredential;
  /** The certificate ID, `urn:uuid:<random UUID>`; also the credential's `id`. */
  readonly certificateId: string;
  /** Text to put in the QR code. */
  readonly qrPayload: string;
}

const defaultCatalog = createVaccineCatalog();

/**
 * Validates a certify request, builds the vaccination credential, signs it with
 * Ed25519Signature2020 and encodes it for a QR code.
 *
 * @throws {RequestValidationError} `ERR_REQUEST_INVALID` with every issue found.
 * @throws {IssuerError} `ERR_SIGNING_FAILED` when the signature cannot be made.
 * @throws {TypeError} for a `profile` other than `full` or `compact`.
 *
 * @example
 * const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in' });
 * const { credential, certificateId, qrPayload } = await issue({ request, key });
 * // The smallest QR code: the compact profile in the compact QR format.
 * const small = await issue({ request, key, profile: 'compact', qrFormat: 'compact' });
 */
export async function issue(options: IssueOptions): Promise<IssueResult> {
  if (options === null || typeof options !== 'object' || !('request' in options)) {
    throw new TypeError('issue() takes one options object: issue({ request, key })');
  }
  if (options.key === null || typeof options.key !== 'object' || typeof options.key.controller !== 'string') {
    throw new TypeError('"key" is required: pass the IssuerKey from generateIssuerKey() or loadIssuerKey()');
  }
  if (options.profile !== undefined && options.profile !== 'full' && options.profile !== 'compact') {
    throw new TypeError(`"profile" must be "full" or "compact", got "${String(options.profile)}"`);
  }
  const now = options.now ?? new Date();
  const vaccines = options.vaccines ?? defaultCatalog;
  let request: CertifyRequest;
  try {
    request = normalizeText(options.request) as CertifyRequest;
  } catch (error) {
    if (!(error instanceof TextNormalizationError)) throw error;
    throw new RequestValidationError([{ pointer: error.pointer, message: error.message }]);
  }

  const issues = validateCertifyRequest(request, { now, vaccines });
  if (issues.length > 0) throw new RequestValidationError(issues);

  const certificateId = `urn:uuid:${randomUUID()}`;
  const unsigned = buildCredential({
    request,
    vaccine: vaccines.find(request.vaccination.name)!,
    issuer: options.key.controller,
    certificateId,
    issuedAt: now,
    ...(options.validUntil ? { validUntil: options.validUntil } : {}),
    ...(options.credentialStatus ? { credentialStatus: options.credentialStatus } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  });
  const credential = (await signCredential({
    credential: unsigned,
    key: options.key,
    date: now,
  })) as unknown as VaccinationCredential;
  const qrPayload = encodeQrPayload({ credential, format: options.qrFormat ?? 'plain' });
  return { credential, certificateId, qrPayload };
}
