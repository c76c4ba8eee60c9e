import { MAX_DECOMPRESSED_BYTES, MAX_PAYLOAD_CHARS, QR_PREFIX_COMPACT, QR_PREFIX_PLAIN } from '@vaxcert/schemas';

import type { PayloadFormat, VerificationCheck, VerificationStatus } from '../result.js';
import { decodeBase45 } from './base45.js';
import { decodeCompactQrText } from './compact.js';
import { inflateBounded } from './inflate.js';
import { findJsonProblem } from './json-limits.js';

/** A decoded payload, or the reason it could not be decoded. */
export type DecodedPayload =
  | { ok: true; format: PayloadFormat; credential: Record<string, unknown>; checks: VerificationCheck[] }
  | { ok: false; status: VerificationStatus; format?: PayloadFormat; checks: VerificationCheck[] };

const FOREIGN_PREFIXES: readonly [string, string][] = [
  ['HC1:', 'an EU Digital COVID Certificate'],
  ['shc:/', 'a SMART Health Card'],
  ['NZCP:/', 'a New Zealand COVID Pass'],
  ['DIVOC:', 'a DIVOC code of another format'],
];

function fail(status: VerificationStatus, checks: VerificationCheck[], check: VerificationCheck, format?: PayloadFormat): DecodedPayload {
  return { ok: false, status, checks: [...checks, check], ...(format ? { format } : {}) };
}

/**
 * Decodes QR text in the plain vaxcert format: `VC1:` + base45(zlib(UTF-8 JSON)). Every
 * step is bounded and reports a specific check when it fails.
 */
export function decodeQrText(text: string): DecodedPayload {
  const checks: VerificationCheck[] = [];
  if (/^(<\?xml|<svg)/i.test(text)) {
    const message = 'payload is SVG markup: pass the QR text, or a PNG or JPEG image of the code';
    return fail('unsupported_format', checks, { code: 'PAYLOAD_FORMAT', passed: false, message });
  }
  if (text.length > MAX_PAYLOAD_CHARS) {
    return fail('too_large', checks, {
      code: 'SIZE_LIMIT',
      passed: false,
      message: `payload of ${text.length} characters exceeds the ${MAX_PAYLOAD_CHARS}-character limit`,
    });
  }
  if (text.startsWith(QR_PREFIX_COMPACT)) return decodeCompactQrText(text);
  if (!text.startsWith(QR_PREFIX_PLAIN)) {
    const foreign = FOREIGN_PREFIXES.find(([prefix]) => text.startsWith(prefix));
    const message = foreign
      ? `payload is ${foreign[1]}, which this verifier does not read`
      : `payload does not start with a known prefix ("${QR_PREFIX_PLAIN}", "${QR_PREFIX_COMPACT}", "B64:" or a ZIP archive)`;
    return fail('unsupported_format', checks, { code: 'PAYLOAD_FORMAT', passed: false, message });
  }
  const format: PayloadFormat = 'vaxcert';
  checks.push({ code: 'PAYLOAD_FORMAT', passed: true, message: `vaxcert payload, version 1` });

  const base45 = decodeBase45(text.slice(QR_PREFIX_PLAIN.length));
  if ('error' in base45) {
    return fail('invalid_encoding', checks, {
      code: 'BASE45',
      passed: false,
      message: `invalid base45 (${base45.error}) at character ${base45.offset + QR_PREFIX_PLAIN.length}`,
    }, format);
  }
  checks.push({ code: 'BASE45', passed: true, message: 'base45 decoded' });

  const inflated = inflateBounded(base45.bytes, { maxBytes: MAX_DECOMPRESSED_BYTES });
  if ('error' in inflated) {
    const status = inflated.error === 'too_large' ? 'too_large' : 'invalid_compression';
    const code = inflated.error === 'too_large' ? 'SIZE_LIMIT' : 'ZLIB';
    return fail(status, checks, { code, passed: false, message: inflated.message }, format);
  }
  checks.push({ code: 'ZLIB', passed: true, message: `inflated to ${inflated.bytes.length} bytes` });
  return parseCredentialJson(inflated.bytes, checks, format);
}

/** Parses UTF-8 JSON bytes that must hold one JSON object. */
export function parseCredentialJson(
  bytes: Uint8Array,
  checks: VerificationCheck[],
  format: PayloadFormat,
): DecodedPayload {
  let value: unknown;
  try {
    // ignoreBOM keeps a byte order mark in the text, where JSON.parse rejects it.
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    return fail('invalid_json', checks, { code: 'JSON', passed: false, message: 'payload is not valid UTF-8 JSON' }, format);
  }
  const problem = findJsonProblem(value);
  if (problem !== undefined) {
    return fail('invalid_json', checks, { code: 'JSON', passed: false, message: problem.message, pointer: problem.pointer }, format);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail('invalid_json', checks, { code: 'JSON', passed: false, message: 'payload is not a JSON object' }, format);
  }
  return {
    ok: true,
    format,
    credential: value as Record<string, unknown>,
    checks: [...checks, { code: 'JSON', passed: true, message: 'JSON parsed' }],
  };
}
