import type { CheckLog, StepFailed } from './checks.js';
import { LEGACY_MAX_TEXT_LENGTH, LEGACY_MAX_ZIP_BYTES } from './limits.js';

/** Prefix of the text form of a legacy QR payload: `B64:` followed by the base64 of the ZIP. */
export const LEGACY_BASE64_PREFIX = 'B64:';

const ZIP_LOCAL_HEADER = 'PK\u0003\u0004';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Tells whether a scanned QR payload looks like a Co-WIN or DIVOC certificate: ZIP bytes, the
 * same bytes as a Latin-1 string, a string whose bytes were decoded as UTF-8 (it still starts
 * with `PK\x03\x04`), or the `B64:` text form. It only looks at the first bytes.
 *
 * @example
 * detectLegacyPayload('B64:UEsDBBQACAAIAA...'); // true
 */
export function detectLegacyPayload(input: string | Uint8Array): boolean {
  if (input instanceof Uint8Array) {
    return [...ZIP_LOCAL_HEADER].every((char, index) => input[index] === char.charCodeAt(0));
  }
  if (typeof input !== 'string') return false;

  return input.startsWith(ZIP_LOCAL_HEADER) || input.startsWith(LEGACY_BASE64_PREFIX);
}

/** Decodes the three input forms to the bytes of the ZIP archive. */
export function readLegacyInput(input: unknown, log: CheckLog): Uint8Array | StepFailed {
  if (input instanceof Uint8Array) {
    if (input.length > LEGACY_MAX_ZIP_BYTES) return payloadTooLarge(log, input.length, 'bytes');
    return input;
  }
  if (typeof input !== 'string') {
    return log.fail('malformed', 'PAYLOAD_FORMAT', 'payload must be a string or a Uint8Array');
  }
  if (input.length > LEGACY_MAX_TEXT_LENGTH) {
    return payloadTooLarge(log, input.length, 'characters');
  }

  if (input.startsWith(LEGACY_BASE64_PREFIX)) return decodeBase64Form(input, log);
  return decodeLatin1(input, log);
}

function payloadTooLarge(log: CheckLog, size: number, unit: 'bytes' | 'characters'): StepFailed {
  const limit = unit === 'bytes' ? LEGACY_MAX_ZIP_BYTES : LEGACY_MAX_TEXT_LENGTH;
  const message = `payload has ${size} ${unit}; the maximum is ${limit}`;
  return log.fail('too_large', 'SIZE_LIMIT', message);
}

function decodeLatin1(text: string, log: CheckLog): Uint8Array | StepFailed {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code > 0xff) {
      return log.fail(
        'invalid_encoding',
        'TEXT_ENCODING',
        `character U+${hex(code)} at index ${index} is not a byte, so the scanner decoded the ` +
          'QR bytes as UTF-8; read them as ISO-8859-1 (Latin-1) or pass the raw bytes',
      );
    }
    bytes[index] = code;
  }

  log.pass('TEXT_ENCODING', 'text maps one character to one byte (latin-1)');
  return bytes;
}

function decodeBase64Form(text: string, log: CheckLog): Uint8Array | StepFailed {
  log.pass('TEXT_ENCODING', 'text starts with the B64: prefix');

  const encoded = text.slice(LEGACY_BASE64_PREFIX.length).replace(/[\t\n\r ]/g, '');
  if (!BASE64.test(encoded) || encoded.length % 4 === 1) {
    return log.fail('invalid_encoding', 'BASE64', 'text after "B64:" is not valid base64');
  }

  const bytes = base64ToBytes(encoded);
  if (bytes.length > LEGACY_MAX_ZIP_BYTES) return payloadTooLarge(log, bytes.length, 'bytes');

  log.pass('BASE64', `base64 decodes to ${bytes.length} bytes`);
  return bytes;
}

/** Decodes standard or URL-safe base64, with or without padding. The caller checks the alphabet. */
export function base64ToBytes(encoded: string): Uint8Array<ArrayBuffer> {
  const standard = encoded.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}
