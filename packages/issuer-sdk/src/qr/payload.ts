import {
  QR_PREFIX_COMPACT,
  QR_PREFIX_PLAIN,
  encodeCompactCredential,
  getCompactDictionary,
  type VaccinationCredential,
} from '@vaxcert/schemas';
import { encode as base45Encode } from 'base45';
import { deflate, deflateRaw } from 'pako';

/**
 * QR payload formats the issuer writes: `plain` is `VC1:` and zlib-compressed JSON;
 * `compact` is `VCC1:` and CBOR with integer codes, compressed with raw DEFLATE and a
 * preset dictionary. Both carry the same signed credential.
 */
export type QrPayloadFormat = 'plain' | 'compact';

/**
 * Encodes a signed credential as QR text in the plain format (`VC1:` followed by the
 * base45 encoding of the zlib-compressed, level 9, UTF-8 JSON) or the compact format
 * (`VCC1:` followed by the base45 encoding of the raw-DEFLATE-compressed compact CBOR).
 * `docs/qr-format.md` specifies both.
 *
 * @throws {TypeError} for an unknown format or a credential that is not a JSON object.
 * @throws {RangeError} when the compact encoding exceeds its size limit.
 *
 * @example
 * const text = encodeQrPayload({ credential, format: 'compact' }); // 'VCC1:…'
 */
export function encodeQrPayload(options: {
  credential: VaccinationCredential;
  format?: QrPayloadFormat;
}): string {
  const format = options.format ?? 'plain';
  if (format === 'compact') {
    const cbor = encodeCompactCredential(options.credential as unknown as Record<string, unknown>);
    return QR_PREFIX_COMPACT + base45Encode(deflateRaw(cbor, { level: 9, dictionary: getCompactDictionary() }));
  }
  if (format !== 'plain') throw new TypeError(`unsupported QR payload format "${String(format)}"`);
  const json = new TextEncoder().encode(JSON.stringify(options.credential));
  return QR_PREFIX_PLAIN + base45Encode(deflate(json, { level: 9 }));
}
