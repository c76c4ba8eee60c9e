import { convertIndexedToRgb, decode as decodePng } from 'fast-png';
import decodeJpeg from 'jpeg-js/lib/decoder.js';
import jsQRModule from 'jsqr';

/** Raw pixels: 8-bit RGBA, row by row, in the layout of a canvas `ImageData`. */
export interface RgbaImage {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** Content of a QR image: its bytes and the same bytes as text, or why it could not be read. */
export type QrImageContent =
  | { ok: true; text: string; bytes: Uint8Array }
  | { ok: false; reason: 'image' | 'no_qr_code'; message: string };

/** Largest image the verifier decodes, in pixels (a 4,000 × 4,000 camera frame). */
export const MAX_IMAGE_PIXELS = 16_000_000;

/** Maximum length of an image side the verifier decodes, in pixels. */
export const MAX_IMAGE_SIDE = 8_192;

function checkDimensions(width: number, height: number): void {
  if (!(width > 0 && height > 0 && width <= MAX_IMAGE_SIDE && height <= MAX_IMAGE_SIDE && width * height <= MAX_IMAGE_PIXELS)) {
    throw new RangeError(
      `image of ${width} × ${height} pixels exceeds the limits (${MAX_IMAGE_SIDE} pixels a side, ${MAX_IMAGE_PIXELS} pixels)`,
    );
  }
}

/**
 * Reads the size from a PNG's IHDR chunk (bytes 16 to 23) and checks it before decoding, so
 * a small file that declares a huge image is rejected without allocating for it.
 */
function checkPngHeader(bytes: Uint8Array): void {
  if (bytes.length < 24) throw new RangeError('PNG file is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkDimensions(view.getUint32(16), view.getUint32(20));
}

// jsqr is CommonJS: under NodeNext the decoder function sits on `default`.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' },
) => { data: string; binaryData: number[] } | null;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Returns `true` for bytes that start like a PNG or JPEG file. */
export function isImageFile(bytes: Uint8Array): boolean {
  return isPng(bytes) || isJpeg(bytes);
}

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((value, index) => bytes[index] === value);
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Converts any decoded PNG (grey, grey+alpha, RGB, RGBA, palette; 8 or 16 bit) to RGBA. */
function pngToRgba(bytes: Uint8Array): RgbaImage {
  checkPngHeader(bytes);
  const png = decodePng(bytes);
  let source = png.data;
  let channels = png.channels;
  if (png.palette) {
    source = convertIndexedToRgb(png);
    channels = png.transparency ? 4 : 3;
  }
  // 16-bit samples keep their high byte.
  const shift = png.depth === 16 && !png.palette ? 8 : 0;
  // Grey plus alpha carries alpha in channel 2 of 2, RGBA in channel 4 of 4.
  const alphaOffset = channels === 2 || channels === 4 ? channels - 1 : -1;
  const pixels = png.width * png.height;
  const rgba = new Uint8ClampedArray(pixels * 4);
  for (let pixel = 0; pixel < pixels; pixel++) {
    const at = pixel * channels;
    const grey = channels <= 2;
    const red = source[at]! >> shift;
    rgba[pixel * 4] = red;
    rgba[pixel * 4 + 1] = grey ? red : source[at + 1]! >> shift;
    rgba[pixel * 4 + 2] = grey ? red : source[at + 2]! >> shift;
    rgba[pixel * 4 + 3] = alphaOffset < 0 ? 255 : source[at + alphaOffset]! >> shift;
  }
  return { data: rgba, width: png.width, height: png.height };
}

// Start-of-frame markers (SOF0 to SOF15 except DHT, JPG and DAC), which carry the image size.
const JPEG_FRAME_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * Finds the frame header of a JPEG file and checks its size before decoding, so a small
 * file that declares a huge image is rejected without allocating for it.
 */
function checkJpegHeader(bytes: Uint8Array): void {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) throw new RangeError('JPEG file has a malformed marker');
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if (JPEG_FRAME_MARKERS.has(marker)) {
      const height = (bytes[offset + 5]! << 8) | bytes[offset + 6]!;
      const width = (bytes[offset + 7]! << 8) | bytes[offset + 8]!;
      checkDimensions(width, height);
      return;
    }
    offset += 2 + length;
  }
  throw new RangeError('JPEG file has no frame header');
}

function jpegToRgba(bytes: Uint8Array): RgbaImage {
  checkJpegHeader(bytes);
  const maxMegapixels = MAX_IMAGE_PIXELS / 1_000_000;
  // The decoder needs about 20 bytes per pixel at most; 400 MB covers a 4,000 × 4,000 frame.
  const jpeg = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxMegapixels, maxMemoryUsageInMB: 400 });
  return { data: jpeg.data, width: jpeg.width, height: jpeg.height };
}

/** Decodes a PNG or JPEG file to RGBA pixels. */
export function decodeImageFile(bytes: Uint8Array): RgbaImage {
  if (isPng(bytes)) return pngToRgba(bytes);
  if (isJpeg(bytes)) return jpegToRgba(bytes);
  throw new TypeError('not a PNG or JPEG file');
}

/** Finds and reads the QR code in an image file or in raw RGBA pixels. */
export function readQrImage(input: Uint8Array | RgbaImage): QrImageContent {
  let image: RgbaImage;
  try {
    if (!(input instanceof Uint8Array)) checkDimensions(input.width, input.height);
    image = input instanceof Uint8Array ? decodeImageFile(input) : input;
    checkDimensions(image.width, image.height);
    if (image.data.length !== image.width * image.height * 4) throw new RangeError('pixel data is not RGBA');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : 'unreadable image';
    return { ok: false, reason: 'image', message: `image could not be decoded: ${reason}` };
  }

  const pixels = image.data instanceof Uint8ClampedArray ? image.data : new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  const found = jsQR(pixels, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  if (!found) return { ok: false, reason: 'no_qr_code', message: 'no QR code found in the image' };
  return { ok: true, text: found.data, bytes: Uint8Array.from(found.binaryData) };
}
