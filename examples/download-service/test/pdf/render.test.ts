import { readQrImage } from '@vaxcert/verifier-sdk';
import { describe, expect, it } from 'vitest';

import { languageTags } from '../../src/i18n/catalog.js';
import { CertificateRenderError } from '../../src/pdf/errors.js';
import { renderCertificatePdf, type RenderCertificateOptions } from '../../src/pdf/render-certificate.js';
import { fixture, FIXED_NOW } from '../fixtures/load.js';
import { pdfText, pdfToPng } from './pdf-tools.js';

function optionsFor(label: string, extra: Partial<RenderCertificateOptions> = {}): RenderCertificateOptions {
  const beneficiary = fixture(label);
  return {
    credentials: beneficiary.doses.map((dose) => dose.credential),
    qrPayload: beneficiary.doses.at(-1)!.qrPayload,
    now: FIXED_NOW,
    ...extra,
  };
}

describe('renderCertificatePdf', () => {
  it('renders every language as one A4 page under 100 KB', async () => {
    for (const language of languageTags) {
      const pdf = await renderCertificatePdf(optionsFor('precaution', { language }));
      const text = pdf.toString('latin1');
      expect(pdf.subarray(0, 5).toString(), language).toBe('%PDF-');
      expect(pdf.length, language).toBeLessThan(100 * 1024);
      expect(text.match(/\/Type \/Page\b/g), language).toHaveLength(1);
      expect(text, language).toContain('/MediaBox [0 0 595.28 841.89]');
    }
  });

  it('embeds only font subsets', async () => {
    const text = (await renderCertificatePdf(optionsFor('precaution', { language: 'ta' }))).toString('latin1');
    const fontNames = [...text.matchAll(/\/BaseFont \/([^\s/]+)/g)].map((match) => match[1]!);
    expect(fontNames.length).toBeGreaterThanOrEqual(2);
    for (const name of fontNames) expect(name).toMatch(/^[A-Z]{6}\+/);
    expect(fontNames.some((name) => name.includes('NotoSansTamil'))).toBe(true);
  });

  it('produces identical bytes for a fixed clock', async () => {
    const first = await renderCertificatePdf(optionsFor('precaution', { language: 'ur' }));
    const second = await renderCertificatePdf(optionsFor('precaution', { language: 'ur' }));
    expect(first.equals(second)).toBe(true);
  });

  it('lists every dose with its status', async () => {
    const text = pdfText(await renderCertificatePdf(optionsFor('precaution')));
    expect(text).toContain('Dose 1 of 2');
    expect(text).toContain('Dose 2 of 2');
    expect(text).toContain('Precaution dose');
    expect(text).toContain('Fully vaccinated with a precaution dose');
    for (const batch of ['4121Z005', '4121Z091', '4122Z188']) expect(text).toContain(batch);
    expect(text).toContain('non-replicating viral');
    expect(text).toContain('District Hospital Pune 2, Pune, Maharashtra');
  });

  it('prints partial and full status', async () => {
    expect(pdfText(await renderCertificatePdf(optionsFor('partial')))).toContain('Partially vaccinated');
    const full = pdfText(await renderCertificatePdf(optionsFor('markup')));
    expect(full).toContain('Fully vaccinated');
    expect(full).not.toContain('precaution dose');
  });

  it('shows only the last 4 digits of an Aadhaar number', async () => {
    const text = pdfText(await renderCertificatePdf(optionsFor('partial')));
    expect(text).toContain('Aadhaar XXXXXXXX0475');
  });

  it('masks the passport number on the domestic certificate', async () => {
    const text = pdfText(await renderCertificatePdf(optionsFor('precaution')));
    expect(text).toContain('Passport XXXX8338');
    expect(text).not.toContain('Z0288338');
    expect(text).not.toContain('1996-08-25');
  });

  it('prints passport and birth date internationally', async () => {
    const text = pdfText(await renderCertificatePdf(optionsFor('precaution', { layout: 'international', language: 'hi' })));
    expect(text).toContain('International Certificate of COVID-19 Vaccination');
    expect(text).toContain('Z0288338');
    expect(text).toContain('1996-08-25');
    expect(text).not.toContain('टीकाकरण');
  });

  it('refuses an international certificate when partially vaccinated', async () => {
    const rendering = renderCertificatePdf(optionsFor('partial', { layout: 'international' }));
    await expect(rendering).rejects.toBeInstanceOf(CertificateRenderError);
    await expect(rendering).rejects.toMatchObject({ code: 'ERR_NOT_FULLY_VACCINATED' });
  });

  it('refuses an international certificate without a passport', async () => {
    const rendering = renderCertificatePdf(optionsFor('markup', { layout: 'international' }));
    await expect(rendering).rejects.toMatchObject({ code: 'ERR_INTERNATIONAL_DETAILS_MISSING' });
  });

  it('prints markup in a name literally', async () => {
    const text = pdfText(await renderCertificatePdf(optionsFor('markup', { language: 'hi' })));
    expect(text).toContain('<b>x</b> & <script>alert(1)</script>');
  });

  it('prints a Devanagari name on the English certificate', async () => {
    const pdf = await renderCertificatePdf(optionsFor('devanagari-name'));
    expect(pdf.toString('latin1')).toContain('NotoSansDevanagari');
    expect(pdfText(pdf).replace(/\s+/g, ' ')).toMatch(/कुमार/);
  });

  it('continues a long dose table on page 2', async () => {
    const first = fixture('precaution').doses[0]!;
    const credentials = Array.from({ length: 9 }, (_, index) => {
      const credential = structuredClone(first.credential);
      credential.id = `urn:uuid:00000000-0000-4000-8000-00000000000${index}`;
      credential.evidence[0].dose = index + 1;
      credential.evidence[0].totalDoses = 9;
      credential.evidence[0].batch = `BATCH-${index + 1}`;
      credential.evidence[0].date = `2021-0${index + 1}-01T05:00:00.000Z`;
      return credential;
    });
    const pdf = await renderCertificatePdf({ credentials, qrPayload: first.qrPayload, now: FIXED_NOW });
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
    const text = pdfText(pdf);
    for (let dose = 1; dose <= 9; dose++) expect(text).toContain(`BATCH-${dose}`);
    expect(text).toContain('Dose 9 of 9');
  });

  it('prints a QR code that decodes to the latest payload', async () => {
    for (const language of ['en', 'ur']) {
      const options = optionsFor('precaution', { language });
      const read = readQrImage(new Uint8Array(pdfToPng(await renderCertificatePdf(options), 150)));
      expect(read.ok, language).toBe(true);
      if (read.ok) expect(read.text, language).toBe(options.qrPayload);
    }
  });

  it('rejects an unknown language', async () => {
    await expect(renderCertificatePdf(optionsFor('partial', { language: 'xx' }))).rejects.toMatchObject({
      code: 'ERR_LANGUAGE_UNSUPPORTED',
    });
  });
});
