import type { CertificateMessages } from '../i18n/catalog.js';
import type { CertificateView, DoseRow } from './certificate-model.js';
import { drawText, heightOfLines, wrapText } from './text-layout.js';

/** A label in the certificate's language and in English; `english` is absent for English. */
export interface BilingualLabel {
  readonly local: string;
  readonly english?: string;
}

/** The page area and the text direction of the certificate's language. */
export interface PageContext {
  readonly doc: PDFKit.PDFDocument;
  readonly left: number;
  /** Top margin, where content starts on a page. */
  readonly top: number;
  readonly width: number;
  readonly rtl: boolean;
}

export const MUTED = '#555555';
/** Lowest y, in points from the top of an A4 page, that content may reach. */
export const PAGE_BOTTOM = 841.89 - 36;
const RULE = '#b8c4d0';
const ACCENT = '#1d4e89';

/** Returns the height a bilingual label takes when wrapped to a width. */
export function heightOfLabel(page: PageContext, label: BilingualLabel, width: number, size: number) {
  const local = wrapText(label.local, { x: 0, y: 0, width, size, rtl: page.rtl });
  let height = heightOfLines(local.length, size);
  if (label.english) {
    const english = wrapText(label.english, { x: 0, y: 0, width, size: size * 0.8 });
    height += heightOfLines(english.length, size * 0.8);
  }
  return height;
}

/** Draws a label in the certificate's language with its English text below, returns the height. */
export function drawLabel(
  page: PageContext,
  label: BilingualLabel,
  box: { x: number; y: number; width: number; size: number; color?: string },
): number {
  let height = drawText(page.doc, label.local, { ...box, rtl: page.rtl });
  if (label.english) {
    height += drawText(page.doc, label.english, {
      x: box.x,
      y: box.y + height,
      width: box.width,
      size: box.size * 0.8,
      color: MUTED,
      align: page.rtl ? 'right' : 'left',
    });
  }
  return height;
}

/** Draws a section heading with a rule below it and returns the y below the rule. */
export function drawHeading(page: PageContext, label: BilingualLabel, y: number, width = page.width) {
  const height = drawLabel(page, label, { x: page.left, y, width, size: 11, color: ACCENT });
  page.doc.moveTo(page.left, y + height + 2).lineTo(page.left + width, y + height + 2).lineWidth(0.75).stroke(ACCENT);
  return y + height + 8;
}

/** Draws label and value rows in two columns and returns the y below the last row. */
export function drawKeyValueRows(
  page: PageContext,
  rows: readonly (readonly [BilingualLabel, string])[],
  options: { y: number; width: number; labelWidth: number },
): number {
  let y = options.y;
  const valueX = page.left + options.labelWidth + 8;
  const valueWidth = options.width - options.labelWidth - 8;
  for (const [label, value] of rows) {
    const labelHeight = drawLabel(page, label, { x: page.left, y, width: options.labelWidth, size: 9 });
    const valueHeight = drawText(page.doc, value, { x: valueX, y: y + 1, width: valueWidth, size: 10 });
    y += Math.max(labelHeight, valueHeight) + 4;
    page.doc.moveTo(page.left, y - 2).lineTo(page.left + options.width, y - 2).lineWidth(0.3).stroke(RULE);
  }
  return y;
}

/** Columns of the dose table as [message key, share of the table width]. */
const doseColumns: readonly (readonly [keyof CertificateMessages, number])[] = [
  ['dose', 0.15],
  ['date', 0.13],
  ['vaccine', 0.14],
  ['prophylaxis', 0.2],
  ['batch', 0.14],
  ['manufacturer', 0.24],
];

/** Draws the table of doses and returns the y below it. */
export function drawDoseTable(
  page: PageContext,
  view: CertificateView,
  labelOf: (key: keyof CertificateMessages) => BilingualLabel,
  doseLabelOf: (row: DoseRow) => BilingualLabel,
  y: number,
): number {
  const { doc } = page;
  const padding = 4;
  const widths = doseColumns.map(([, share]) => share * page.width);
  const xs = widths.map((_, index) => page.left + widths.slice(0, index).reduce((sum, w) => sum + w, 0));

  const headerHeight =
    Math.max(...doseColumns.map(([key], index) => heightOfLabel(page, labelOf(key), widths[index]! - 2 * padding, 8))) +
    2 * padding;
  doc.rect(page.left, y, page.width, headerHeight).fill('#e8eef5');
  doseColumns.forEach(([key], index) => {
    drawLabel(page, labelOf(key), { x: xs[index]! + padding, y: y + padding, width: widths[index]! - 2 * padding, size: 8 });
  });
  y += headerHeight;

  for (const row of view.doses) {
    // A row starting this low might not fit, so it goes to a new page. Three doses leave about
    // 250 points free on the first page.
    if (y > PAGE_BOTTOM - 60) {
      doc.addPage();
      y = page.top;
    }
    const cellBox = (index: number) => ({
      x: xs[index]! + padding,
      y: y + padding,
      width: widths[index]! - 2 * padding,
      size: 9,
    });
    // The dose cell is a translated label; the other cells hold data as issued.
    let rowHeight = drawLabel(page, doseLabelOf(row), cellBox(0));
    const values = [row.date, row.vaccine, row.prophylaxis, row.batch, row.manufacturer];
    values.forEach((value, index) => {
      rowHeight = Math.max(rowHeight, drawText(doc, value, cellBox(index + 1)));
    });
    y += rowHeight + 2 * padding;
    doc.moveTo(page.left, y).lineTo(page.left + page.width, y).lineWidth(0.3).stroke(RULE);
  }
  return y;
}
