import { fontKeys, loadFont } from './fonts.js';
import { layoutRuns, type TextRun } from './text-runs.js';

/** Position, width and style of a block of text, in PDF points. */
export interface TextBox {
  readonly x: number;
  /** Top of the first line. */
  readonly y: number;
  readonly width: number;
  readonly size: number;
  /** Defaults to `left`, or `right` for right-to-left text. */
  readonly align?: 'left' | 'right' | 'center';
  /** Right-to-left paragraph direction (Arabic script). */
  readonly rtl?: boolean;
  readonly color?: string;
}

// Indic scripts stack vowel signs above and below the letters, so lines get more room than
// Latin text would need.
const LINE_HEIGHT = 1.55;
const BASELINE = 1.1;

/** Registers every certificate font with a new document; pdfkit embeds only the fonts used. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const key of fontKeys) {
    // pdfkit 0.20 accepts a parsed fontkit font in place of a file name or buffer.
    doc.registerFont(key, loadFont(key) as unknown as Buffer);
  }
}

/**
 * Returns pdfkit text options for a run. Without `features`, pdfkit lays out each word on its
 * own and joins the words in logical order, which puts the words of an Arabic run in the wrong
 * order. An (empty) feature list makes pdfkit shape the whole run at once, so fontkit reverses
 * it as a unit; the script's default features still apply.
 */
function runOptions(run: TextRun): PDFKit.Mixins.TextOptions {
  return run.rtl ? { features: [] } : {};
}

/** Advance widths in font units per font and text; wrapping measures the same labels often. */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 20_000;

function widthOfRuns(runs: readonly TextRun[], size: number): number {
  let width = 0;
  for (const run of runs) {
    const key = `${run.font}\u0000${run.rtl ? 'rtl' : 'ltr'}\u0000${run.text}`;
    let units = widthCache.get(key);
    if (units === undefined) {
      const font = loadFont(run.font);
      units = (font.layout(run.text, run.rtl ? [] : undefined).advanceWidth * 1000) / font.unitsPerEm;
      if (widthCache.size >= WIDTH_CACHE_LIMIT) widthCache.clear();
      widthCache.set(key, units);
    }
    width += (units * size) / 1000;
  }
  return width;
}

/**
 * Breaks text into lines that fit the width, at spaces. A single word wider than the box stays
 * on its own line and overflows it.
 */
export function wrapText(text: string, box: TextBox): string[] {
  const words = text.split(/ +/).filter((word) => word.length > 0);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    const width = widthOfRuns(layoutRuns(candidate, box.rtl ?? false), box.size);
    if (width <= box.width || current === '') {
      current = candidate;
    } else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** Returns the height of a text block with the given number of lines. */
export function heightOfLines(lineCount: number, size: number): number {
  return lineCount * size * LINE_HEIGHT;
}

/**
 * Draws text wrapped to the box, each line shaped run by run in its own font, and returns the
 * height used. The text is drawn as glyphs: markup in it is never interpreted.
 */
export function drawText(doc: PDFKit.PDFDocument, text: string, box: TextBox): number {
  const rtl = box.rtl ?? false;
  const align = box.align ?? (rtl ? 'right' : 'left');
  const lines = wrapText(text, box);
  doc.fillColor(box.color ?? '#000000');
  lines.forEach((line, index) => {
    const runs = layoutRuns(line, rtl);
    const width = widthOfRuns(runs, box.size);
    let x = box.x;
    if (align === 'right') x = box.x + box.width - width;
    if (align === 'center') x = box.x + (box.width - width) / 2;
    const baseline = box.y + heightOfLines(index, box.size) + box.size * BASELINE;
    for (const run of runs) {
      doc.font(run.font).fontSize(box.size);
      doc.text(run.text, x, baseline, { ...runOptions(run), lineBreak: false, baseline: 'alphabetic' });
      x += widthOfRuns([run], box.size);
    }
  });
  return heightOfLines(lines.length, box.size);
}
