import PDFDocument from 'pdfkit';

import type { VaccinationCredential } from '@vaxcert/schemas';

import {
  englishMessages,
  findLanguage,
  type CertificateMessages,
  type Language,
} from '../i18n/catalog.js';
import { buildCertificateView, type CertificateView, type DoseRow } from './certificate-model.js';
import { CertificateRenderError } from './errors.js';
import { drawQr, qrPathOf, type QrPath } from './qr.js';
import {
  drawDoseTable,
  drawHeading,
  drawKeyValueRows,
  drawLabel,
  heightOfLabel,
  MUTED,
  PAGE_BOTTOM,
  type BilingualLabel,
  type PageContext,
} from './sections.js';
import { drawText, registerFonts } from './text-layout.js';

/** Options of {@link renderCertificatePdf}. */
export interface RenderCertificateOptions {
  /** Signed credentials of one beneficiary, one per dose, in any order. */
  readonly credentials: readonly VaccinationCredential[];
  /** QR text of the latest dose's credential, as `issue` returned it. */
  readonly qrPayload: string;
  /** BCP 47 tag of the label language; defaults to `en`. Ignored by the international layout. */
  readonly language?: string;
  /** `domestic` (default) or `international`, which adds date of birth and passport number. */
  readonly layout?: 'domestic' | 'international';
  /** Creation date written into the PDF; defaults to now. Fix it for byte-identical output. */
  readonly now?: Date;
}

const A4_WIDTH = 595.28;
const MARGIN = 36;
const QR_SIDE = 150;

function labelsFor(language: Language) {
  const english = englishMessages();
  const isEnglish = language.meta.bcp47 === 'en';
  const labelOf = (key: keyof CertificateMessages): BilingualLabel =>
    isEnglish ? { local: english[key] } : { local: language.messages[key], english: english[key] };
  const fill = (template: string, row: DoseRow) =>
    template.replace('{dose}', String(row.dose)).replace('{total}', String(row.totalDoses));
  const doseLabelOf = (row: DoseRow): BilingualLabel => {
    if (row.precaution) return labelOf('precautionDose');
    const local = fill(language.messages.doseOf, row);
    return isEnglish ? { local } : { local, english: fill(english.doseOf, row) };
  };
  return { labelOf, doseLabelOf };
}

function statusKey(view: CertificateView): keyof CertificateMessages {
  if (view.status === 'precaution') return 'statusPrecaution';
  return view.status === 'full' ? 'statusFull' : 'statusPartial';
}

function checkInternational(view: CertificateView): void {
  if (view.status === 'partial') {
    throw new CertificateRenderError(
      'ERR_NOT_FULLY_VACCINATED',
      `beneficiary ${view.beneficiaryId} is not fully vaccinated, so no international certificate exists`,
    );
  }
  if (!view.birthDate || !view.passportNumber) {
    throw new CertificateRenderError(
      'ERR_INTERNATIONAL_DETAILS_MISSING',
      `beneficiary ${view.beneficiaryId} has no ${view.birthDate ? 'passport number' : 'date of birth'} on record`,
    );
  }
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/**
 * Renders the printable certificate of one beneficiary as an A4 PDF: every dose in a table,
 * the vaccination status, the beneficiary with the identity number masked, the facility of the
 * latest dose and its QR code as vector paths. It fits one page up to about six doses and
 * continues on a second page beyond that. Labels are bilingual (the language and English), and
 * data is printed as issued. Only the fonts used are embedded, as subsets.
 *
 * @throws {CertificateRenderError} `ERR_LANGUAGE_UNSUPPORTED` for an unknown language,
 * `ERR_NOT_FULLY_VACCINATED` or `ERR_INTERNATIONAL_DETAILS_MISSING` for an international
 * certificate that cannot exist.
 */
export async function renderCertificatePdf(options: RenderCertificateOptions): Promise<Buffer> {
  const layout = options.layout ?? 'domestic';
  const tag = layout === 'international' ? 'en' : (options.language ?? 'en');
  const language = findLanguage(tag);
  if (!language) {
    throw new CertificateRenderError('ERR_LANGUAGE_UNSUPPORTED', `language "${tag}" is not supported`);
  }
  const view = buildCertificateView(options.credentials);
  if (layout === 'international') checkInternational(view);
  const qr = await qrPathOf(options.qrPayload);

  const english = englishMessages();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // No default Helvetica: the certificate uses only the embedded Noto fonts, and loading the
    // standard font's metrics would cost time on every document.
    font: null as unknown as string,
    compress: true,
    info: {
      Title: layout === 'international' ? english.internationalTitle : english.title,
      Producer: 'vaxcert download service',
      Creator: 'vaxcert download service',
      CreationDate: options.now ?? new Date(),
    },
  });
  const done = collect(doc);
  registerFonts(doc);

  const page: PageContext = {
    doc,
    left: MARGIN,
    top: MARGIN,
    width: A4_WIDTH - 2 * MARGIN,
    rtl: language.meta.direction === 'rtl',
  };
  const { labelOf, doseLabelOf } = labelsFor(language);
  drawPage(page, view, layout, { labelOf, doseLabelOf }, qr);

  doc.end();
  return done;
}

function drawPage(
  page: PageContext,
  view: CertificateView,
  layout: 'domestic' | 'international',
  labels: ReturnType<typeof labelsFor>,
  qr: QrPath,
): void {
  const { doc } = page;
  const english = englishMessages();
  const { labelOf, doseLabelOf } = labels;
  const international = layout === 'international';

  const title = international ? { local: english.internationalTitle } : labelOf('title');
  let y = MARGIN;
  y += drawText(doc, title.local, { x: page.left, y, width: page.width, size: 16, align: 'center', rtl: page.rtl });
  if (title.english) {
    y += drawText(doc, title.english, { x: page.left, y, width: page.width, size: 11, align: 'center', color: MUTED });
  }

  y += 6;
  const status = labelOf(statusKey(view));
  const statusWidth = page.width - 178;
  const statusHeight = Math.max(44, heightOfLabel(page, status, statusWidth, 12) + 10);
  doc.rect(page.left, y, page.width, statusHeight).fill('#e3f1e6');
  drawLabel(page, labelOf('status'), { x: page.left + 8, y: y + 6, width: 150, size: 9 });
  drawLabel(page, status, { x: page.left + 170, y: y + 4, width: statusWidth, size: 12, color: '#14532d' });
  y += statusHeight + 20;

  const qrTop = y;
  const qrX = page.left + page.width - QR_SIDE;
  drawQr(doc, qr, qrX, qrTop, QR_SIDE);
  const captionHeight = drawLabel(page, labelOf('scanToVerify'), { x: qrX, y: qrTop + QR_SIDE + 4, width: QR_SIDE, size: 8 });

  const detailsWidth = page.width - QR_SIDE - 16;
  y = drawHeading(page, labelOf('beneficiaryDetails'), y, detailsWidth);
  const identity = view.maskedIdentity ? `${view.identityKind} ${view.maskedIdentity}` : '-';
  const rows: [BilingualLabel, string][] = international
    ? [
        [labelOf('name'), view.name],
        [{ local: english.dateOfBirth }, view.birthDate ?? '-'],
        [labelOf('gender'), view.gender],
        [{ local: english.nationality }, view.nationality ?? '-'],
        [{ local: english.passportNumber }, view.passportNumber ?? '-'],
        [labelOf('beneficiaryId'), view.beneficiaryId],
      ]
    : [
        [labelOf('name'), view.name],
        [labelOf('age'), view.age === undefined ? '-' : String(view.age)],
        [labelOf('gender'), view.gender],
        [labelOf('identity'), identity],
        [labelOf('beneficiaryId'), view.beneficiaryId],
      ];
  y = drawKeyValueRows(page, rows, { y, width: detailsWidth, labelWidth: 130 });

  y = Math.max(y, qrTop + QR_SIDE + 4 + captionHeight) + 12;
  y = drawHeading(page, labelOf('vaccinationDetails'), y);
  y = drawDoseTable(page, view, labelOf, doseLabelOf, y);

  y += 14;
  if (y > PAGE_BOTTOM - 70) {
    doc.addPage();
    y = page.top;
  }
  drawKeyValueRows(
    page,
    [
      [labelOf('facility'), view.facility],
      [labelOf('certificateId'), view.certificateId],
    ],
    { y, width: page.width, labelWidth: 150 },
  );
}
