import { QR_PREFIX_PLAIN, type VaccinationCredential } from '@vaxcert/schemas';
import { encode as base45Encode } from 'base45';
import { deflate } from 'pako';

/** QR payload formats the issuer writes. */
export type QrPayloadFormat = 'plain';

/**
 * Encodes a signed credential as QR text: `VC1:` followed by the base45 encoding of the
 * zlib-compressed (level 9) UTF-8 JSON. `docs/qr-format.md` specifies the format.
 */
export function encodeQrPayload(options: {
  credential: VaccinationCredential;
  format?: QrPayloadFormat;
}): string {
  const format = options.format ?? 'plain';
  if (format !== 'plain') throw new TypeError(`unsupported QR payload format "${String(format)}"`);
  const json = new TextEncoder().encode(JSON.stringify(options.credential));
  return QR_PREFIX_PLAIN + base45Encode(deflate(json, { level: 9 }));
}
