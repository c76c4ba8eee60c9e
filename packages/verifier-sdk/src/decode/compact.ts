import {
  CompactDecodeError,
  MAX_COMPACT_CREDENTIAL_BYTES,
  QR_PREFIX_COMPACT,
  decodeCompactCredential,
  getCompactDictionary,
} from '@vaxcert/schemas';

import type { PayloadFormat, VerificationCheck, VerificationStatus } from '../result.js';
import { decodeBase45 } from './base45.js';
import { inflateBounded } from './inflate.js';
import type { DecodedPayload } from './payload.js';

const FORMAT: PayloadFormat = 'vaxcert-compact';

function fail(status: VerificationStatus, checks: VerificationCheck[], check: VerificationCheck): DecodedPayload {
  return { ok: false, status, format: FORMAT, checks: [...checks, check] };
}

/**
 * Decodes QR text in the compact vaxcert format: `VCC1:` + base45 of the compact CBOR,
 * compressed with raw DEFLATE and the version 1 preset dictionary. The caller has checked the prefix and the
 * overall length. Every step is bounded and reports a specific check when it fails.
 */
export function decodeCompactQrText(text: string): DecodedPayload {
  const checks: VerificationCheck[] = [
    { code: 'PAYLOAD_FORMAT', passed: true, message: 'vaxcert compact payload, version 1' },
  ];

  const base45 = decodeBase45(text.slice(QR_PREFIX_COMPACT.length));
  if ('error' in base45) {
    return fail('invalid_encoding', checks, {
      code: 'BASE45',
      passed: false,
      message: `invalid base45 (${base45.error}) at character ${base45.offset + QR_PREFIX_COMPACT.length}`,
    });
  }
  checks.push({ code: 'BASE45', passed: true, message: 'base45 decoded' });

  const inflated = inflateBounded(base45.bytes, {
    maxBytes: MAX_COMPACT_CREDENTIAL_BYTES,
    dictionary: getCompactDictionary(),
    raw: true,
  });
  if ('error' in inflated) {
    const tooLarge = inflated.error === 'too_large';
    return fail(tooLarge ? 'too_large' : 'invalid_compression', checks, {
      code: tooLarge ? 'SIZE_LIMIT' : 'ZLIB',
      passed: false,
      message: inflated.message,
    });
  }
  checks.push({ code: 'ZLIB', passed: true, message: `inflated to ${inflated.bytes.length} bytes of CBOR` });

  let credential: Record<string, unknown>;
  try {
    credential = decodeCompactCredential(inflated.bytes);
  } catch (error) {
    // verify() reports instead of throwing, so an unexpected error is reported the same way.
    if (!(error instanceof CompactDecodeError)) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail('invalid_cbor', checks, { code: 'CBOR', passed: false, message: `compact credential could not be decoded: ${reason}` });
    }
    const tooLarge = error.code === 'ERR_COMPACT_TOO_LARGE';
    return fail(tooLarge ? 'too_large' : 'invalid_cbor', checks, {
      code: tooLarge ? 'SIZE_LIMIT' : 'CBOR',
      passed: false,
      message: `compact credential could not be decoded (${error.code}): ${error.message}`,
      ...(error.pointer !== undefined ? { pointer: error.pointer } : {}),
    });
  }
  return {
    ok: true,
    format: FORMAT,
    credential,
    checks: [...checks, { code: 'CBOR', passed: true, message: 'compact CBOR decoded' }],
  };
}
