// Times the PDF rendering of one certificate per language on one core, after a warm-up.
//   node --import tsx bench/pdf-render.mjs [--iterations 200] [--warmup 30]
// Prints one line per language (median and p95 milliseconds, PDF bytes) and a JSON summary.
import { parseArgs } from 'node:util';

import { renderQr } from '@vaxcert/issuer-sdk';

import { languageTags } from '../src/i18n/catalog.ts';
import { renderCertificatePdf } from '../src/pdf/render-certificate.ts';
import { fixture, FIXED_NOW } from '../test/fixtures/load.ts';

const { values } = parseArgs({
  options: { iterations: { type: 'string', default: '200' }, warmup: { type: 'string', default: '30' } },
});
const iterations = Number(values.iterations);
const warmup = Number(values.warmup);

const beneficiary = fixture('precaution');
const options = {
  credentials: beneficiary.doses.map((dose) => dose.credential),
  qrPayload: beneficiary.doses.at(-1).qrPayload,
  now: FIXED_NOW,
};

function percentile(sorted, share) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

const results = [];
for (const language of [...languageTags, 'international']) {
  const renderOptions = language === 'international' ? { ...options, layout: 'international' } : { ...options, language };
  let bytes = 0;
  for (let i = 0; i < warmup; i++) bytes = (await renderCertificatePdf(renderOptions)).length;
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await renderCertificatePdf(renderOptions);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const row = {
    language,
    medianMs: Number(percentile(times, 0.5).toFixed(2)),
    p95Ms: Number(percentile(times, 0.95).toFixed(2)),
    bytes,
  };
  results.push(row);
  console.log(`${language.padEnd(14)} median ${row.medianMs.toFixed(2)} ms  p95 ${row.p95Ms.toFixed(2)} ms  ${bytes} bytes`);
}
// The renderer caches the QR code per payload, so the loop above measures warm renders. The
// first render of a certificate also encodes its QR code, timed here on its own.
const qrTimes = [];
for (let i = 0; i < warmup + iterations; i++) {
  const started = performance.now();
  await renderQr({ payload: options.qrPayload, format: 'svg', errorCorrectionLevel: 'M' });
  if (i >= warmup) qrTimes.push(performance.now() - started);
}
qrTimes.sort((a, b) => a - b);
const qrEncodeMs = Number(percentile(qrTimes, 0.5).toFixed(2));
console.log(`QR encoding (first render of a certificate only): median ${qrEncodeMs.toFixed(2)} ms`);
console.log(JSON.stringify({ iterations, warmup, node: process.version, qrEncodeMs, results }));
