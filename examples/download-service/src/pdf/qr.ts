import { renderQr } from '@vaxcert/issuer-sdk';

/** A QR symbol as PDF path operators, one rectangle per horizontal run of dark modules. */
export interface QrPath {
  /** `re` operators in module units, origin at the top-left corner of the quiet zone. */
  readonly rectangles: string;
  /** Modules per side, quiet zone included. */
  readonly modules: number;
}

/** QR paths kept in memory, so a certificate downloaded again skips QR encoding. */
const QR_CACHE_LIMIT = 2000;
const qrCache = new Map<string, QrPath>();

/**
 * Converts the SVG path that `renderQr` draws (`M x y` moves, `m dx dy` relative moves and
 * `h n` horizontal strokes of width 1 centred on y) to rectangles of one module height.
 */
function rectanglesOf(svgPath: string): string {
  const tokens = svgPath.match(/[Mmh]|-?\d+(?:\.\d+)?/g) ?? [];
  const rectangles: string[] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i < tokens.length; i++) {
    const command = tokens[i];
    if (command === 'M' || command === 'm') {
      const dx = Number(tokens[++i]);
      const dy = Number(tokens[++i]);
      x = command === 'M' ? dx : x + dx;
      y = command === 'M' ? dy : y + dy;
    } else if (command === 'h') {
      const length = Number(tokens[++i]);
      rectangles.push(`${x} ${y - 0.5} ${length} 1 re`);
      x += length;
    } else {
      throw new Error(`unexpected token "${command}" in the QR path from renderQr`);
    }
  }
  return rectangles.join('\n');
}

/**
 * Renders QR text with the issuer SDK and converts its dark modules to vector rectangles, so
 * the PDF contains the symbol as paths instead of a bitmap. Encoding a QR code (segmenting and
 * choosing the mask) costs several milliseconds, so the latest results are cached by payload.
 *
 * @throws {Error} when the SVG from `renderQr` lacks the expected view box or path.
 */
export async function qrPathOf(payload: string): Promise<QrPath> {
  const cached = qrCache.get(payload);
  if (cached) return cached;
  const rendered = await renderQr({ payload, format: 'svg', errorCorrectionLevel: 'M' });
  const svg = rendered.image as string;
  const viewBox = /viewBox="0 0 (\d+) \d+"/.exec(svg);
  const dark = /<path stroke="#000000" d="([^"]+)"/.exec(svg);
  if (!viewBox || !dark) throw new Error('renderQr returned SVG without a view box or dark path');
  const qr = { rectangles: rectanglesOf(dark[1]!), modules: Number(viewBox[1]) };
  if (qrCache.size >= QR_CACHE_LIMIT) qrCache.delete(qrCache.keys().next().value!);
  qrCache.set(payload, qr);
  return qr;
}

/** Draws a QR path as a square of the given side in points, with its top-left corner at x, y. */
export function drawQr(doc: PDFKit.PDFDocument, qr: QrPath, x: number, y: number, side: number) {
  doc.save();
  doc.rect(x, y, side, side).fill('#ffffff');
  doc.translate(x, y).scale(side / qr.modules);
  doc.fillColor('#000000');
  // pdfkit has no call for many rectangles in one path, so the operators go in directly.
  doc.addContent(`${qr.rectangles}\nf`);
  doc.restore();
}
