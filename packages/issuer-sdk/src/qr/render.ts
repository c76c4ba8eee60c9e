import QRCode from 'qrcode';

import { IssuerError } from '../errors.js';

/** QR error correction level: L 7 %, M 15 %, Q 25 %, H 30 % of codewords recoverable. */
export type ErrorCorrectionLevel = 'L' | 'M' | 'Q' | 'H';

/** Options of {@link renderQr}. */
export interface RenderQrOptions {
  /** The QR text, for example the `qrPayload` returned by `issue`. */
  readonly payload: string;
  /** `png` returns bytes, `svg` returns markup. */
  readonly format: 'png' | 'svg';
  /** Defaults to `M`. */
  readonly errorCorrectionLevel?: ErrorCorrectionLevel;
  /** Pixels per module in PNG output; defaults to 4. */
  readonly scale?: number;
  /** Quiet zone in modules; defaults to 4, the minimum ISO/IEC 18004 requires. */
  readonly margin?: number;
}

/** A rendered QR code. */
export interface RenderedQr {
  /** PNG bytes or SVG markup. */
  readonly image: Uint8Array | string;
  readonly format: 'png' | 'svg';
  /** QR version, 1 to 40; the symbol has 17 + 4 × version modules per side. */
  readonly version: number;
  readonly errorCorrectionLevel: ErrorCorrectionLevel;
  /** Modules per side, without the quiet zone. */
  readonly size: number;
}

/**
 * Renders QR text to PNG or SVG with the smallest version that fits, and reports that
 * version. A base45 payload is encoded in alphanumeric mode.
 *
 * @throws {IssuerError} `ERR_PAYLOAD_TOO_LARGE` when no QR version can hold the payload.
 */
export async function renderQr(options: RenderQrOptions): Promise<RenderedQr> {
  const errorCorrectionLevel = options.errorCorrectionLevel ?? 'M';
  const margin = options.margin ?? 4;
  let symbol: ReturnType<typeof QRCode.create>;
  try {
    symbol = QRCode.create(options.payload, { errorCorrectionLevel });
  } catch (cause) {
    throw new IssuerError(
      'ERR_PAYLOAD_TOO_LARGE',
      `payload of ${options.payload.length} characters does not fit in a QR code at level ${errorCorrectionLevel}`,
      { cause },
    );
  }

  // Passing the version and mask that create() chose makes the renderer skip both searches,
  // so the payload is not evaluated twice under all eight masks.
  const common = { errorCorrectionLevel, margin, version: symbol.version, maskPattern: symbol.maskPattern };
  const image =
    options.format === 'png'
      ? new Uint8Array(await QRCode.toBuffer(options.payload, { ...common, type: 'png', scale: options.scale ?? 4 }))
      : await QRCode.toString(options.payload, { ...common, type: 'svg' });
  return {
    image,
    format: options.format,
    version: symbol.version,
    errorCorrectionLevel,
    size: symbol.modules.size,
  };
}
