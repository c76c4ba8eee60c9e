import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { renderCertificatePdf } from '../../src/pdf/render-certificate.js';
import { fixture, FIXED_NOW } from '../fixtures/load.js';
import { SNAPSHOT_LANGUAGES } from '../snapshot-languages.js';
import { differingPixelRatio, pdfToPng } from './pdf-tools.js';

// The snapshots are 60 dpi renders of the beneficiary with a precaution dose. After an intended
// layout change, refresh them with `pnpm snapshots` and look at every PNG before keeping it.
const MAX_DIFFERING_RATIO = 0.001;

async function renderPng(language: string): Promise<Buffer> {
  const beneficiary = fixture('precaution');
  const pdf = await renderCertificatePdf({
    credentials: beneficiary.doses.map((dose) => dose.credential),
    qrPayload: beneficiary.doses.at(-1)!.qrPayload,
    language,
    now: FIXED_NOW,
  });
  return pdfToPng(pdf);
}

function snapshot(language: string): Buffer {
  return readFileSync(new URL(`../snapshots/${language}.png`, import.meta.url));
}

describe('certificate snapshots', () => {
  for (const language of SNAPSHOT_LANGUAGES) {
    it(`matches the ${language} snapshot`, async () => {
      const ratio = differingPixelRatio(await renderPng(language), snapshot(language));
      expect(ratio).toBeLessThanOrEqual(MAX_DIFFERING_RATIO);
    });
  }

  it('detects a different script', async () => {
    const ratio = differingPixelRatio(await renderPng('hi'), snapshot('ta'));
    expect(ratio).toBeGreaterThan(0.01);
  });

  it('detects a label in another Devanagari language', async () => {
    const ratio = differingPixelRatio(await renderPng('mr'), snapshot('hi'));
    expect(ratio).toBeGreaterThan(MAX_DIFFERING_RATIO);
  });
});
