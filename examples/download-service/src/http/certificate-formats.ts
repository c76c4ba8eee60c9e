import { renderQr } from '@vaxcert/issuer-sdk';

import { renderCertificatePdf } from '../pdf/render-certificate.js';
import type { StoredCertificate } from '../storage/repository.js';

/** A certificate download format. */
export type CertificateFormat = 'pdf' | 'png' | 'json';

const mediaTypes: Record<CertificateFormat, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  json: 'application/vc+ld+json',
};

const acceptedTypes: Record<string, CertificateFormat> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'application/json': 'json',
  'application/vc+ld+json': 'json',
  'application/ld+json': 'json',
  'application/*': 'pdf',
  '*/*': 'pdf',
};

/**
 * Picks the format from the `format` query parameter, else from the `Accept` header (highest
 * `q` first, then the order given), else PDF. Returns `undefined` for an unknown `format` value
 * or an `Accept` header that names only other types.
 */
export function negotiateFormat(format: string | undefined, accept: string | undefined): CertificateFormat | undefined {
  if (format !== undefined) {
    return format === 'pdf' || format === 'png' || format === 'json' ? format : undefined;
  }
  if (!accept) return 'pdf';
  const ranges = accept.split(',').map((part, index) => {
    const [type = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return { type, quality: Number.isFinite(quality) ? quality : 0, index };
  });
  ranges.sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const picked = acceptedTypes[range.type];
    if (picked && range.quality > 0) return picked;
  }
  return undefined;
}

/** Returns the media type of a format. */
export function mediaTypeOf(format: CertificateFormat): string {
  return mediaTypes[format];
}

/**
 * Produces the bytes of a beneficiary's certificate in a format: the printed PDF of every
 * dose, the PNG QR code of the latest dose, or the latest dose's signed credential as JSON.
 */
export async function certificateBytes(options: {
  certificates: readonly StoredCertificate[];
  format: CertificateFormat;
  language?: string;
  layout?: 'domestic' | 'international';
  now?: Date;
}): Promise<Buffer> {
  const latest = options.certificates.at(-1);
  if (!latest) throw new TypeError('a beneficiary without certificates has nothing to download');
  if (options.format === 'json') return Buffer.from(JSON.stringify(latest.credential));
  if (options.format === 'png') {
    const qr = await renderQr({ payload: latest.qrPayload, format: 'png' });
    return Buffer.from(qr.image as Uint8Array);
  }
  return renderCertificatePdf({
    credentials: options.certificates.map((certificate) => certificate.credential),
    qrPayload: latest.qrPayload,
    ...(options.language ? { language: options.language } : {}),
    ...(options.layout ? { layout: options.layout } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
