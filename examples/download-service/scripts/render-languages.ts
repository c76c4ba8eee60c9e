// Renders the certificate of the fixture beneficiary with a precaution dose in every language
// to out/render/<tag>.pdf and, through pdftoppm (Debian package poppler-utils), to
// out/render/<tag>.png at 60 dpi. With --update-snapshots it copies the PNGs of the snapshot
// languages into test/snapshots/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';

import { fixture, FIXED_NOW } from '../test/fixtures/load.js';
import { languageTags } from '../src/i18n/catalog.js';
import { renderCertificatePdf } from '../src/pdf/render-certificate.js';
import { SNAPSHOT_LANGUAGES } from '../test/snapshot-languages.js';

const outDir = new URL('../out/render/', import.meta.url);
mkdirSync(outDir, { recursive: true });
const beneficiary = fixture('precaution');
const latest = beneficiary.doses.at(-1)!;

for (const tag of [...languageTags, 'international']) {
  const pdf = await renderCertificatePdf({
    credentials: beneficiary.doses.map((dose) => dose.credential),
    qrPayload: latest.qrPayload,
    ...(tag === 'international' ? { layout: 'international' as const } : { language: tag }),
    now: FIXED_NOW,
  });
  const pdfPath = new URL(`${tag}.pdf`, outDir).pathname;
  writeFileSync(pdfPath, pdf);
  const pngBase = new URL(tag, outDir).pathname;
  execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', pdfPath, pngBase]);
  console.log(`${tag}: ${pdf.length} bytes, ${pngBase}.png`);
}

if (process.argv.includes('--update-snapshots')) {
  const snapshotDir = new URL('../test/snapshots/', import.meta.url);
  for (const tag of SNAPSHOT_LANGUAGES) {
    copyFileSync(new URL(`${tag}.png`, outDir), new URL(`${tag}.png`, snapshotDir));
    console.log(`updated test/snapshots/${tag}.png`);
  }
}
