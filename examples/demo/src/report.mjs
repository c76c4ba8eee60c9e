// Console report of the demo: outcome, certificate and timing tables, QR statistics.
import { countBy, describe, formatHistogram, formatTable, median, percentile } from './stats.mjs';

const KINDS = ['provisional', 'final', 'precaution'];
const TYPES = ['domestic', 'international'];

/** Formats a number with a fixed count of decimals, or "-" when it is not finite. */
function fixed(value, decimals = 1) {
  return Number.isFinite(value) ? value.toFixed(decimals) : '-';
}

/** Returns `{ outcome, reason }` for one certificate. The outcome is `valid` only if both paths pass. */
function outcomeOf(entry) {
  if (entry.issueError) return { outcome: 'not issued', reason: entry.issueError };
  if (entry.renderError) return { outcome: 'not rendered', reason: entry.renderError };
  if (entry.pngVerifyError) return { outcome: 'PNG not verified', reason: entry.pngVerifyError };
  if (entry.png.certificateId !== entry.issued.certificateId) {
    return { outcome: 'wrong PNG', reason: `PNG holds ${entry.png.certificateId ?? 'no certificate ID'}` };
  }
  const failed = [...entry.png.failedChecks, ...entry.textFailedChecks];
  const reason = failed.map((check) => `${check.code}: ${check.message}`).join('; ');
  return { outcome: entry.png.status === entry.textStatus ? entry.textStatus : 'paths disagree', reason };
}

function printOutcomes(certificates) {
  const issued = certificates.filter((entry) => entry.issued);
  const png = countBy(issued.filter((entry) => entry.png).map((entry) => entry.png.status));
  const text = countBy(issued.map((entry) => entry.textStatus));
  const statuses = [...new Set([...png.keys(), ...text.keys()])];
  const rows = statuses.map((status) => [status, png.get(status) ?? 0, text.get(status) ?? 0]);
  const notIssued = certificates.length - issued.length;
  if (notIssued > 0) rows.push(['not issued', notIssued, notIssued]);
  console.log('Verification status');
  console.log(formatTable(['status', 'PNG image', 'QR text'], rows, { rightAligned: [1, 2] }));
}

function printKinds(certificates) {
  const issued = certificates.filter((entry) => entry.issued);
  const typeOf = (entry) => entry.request.meta?.certificateType ?? 'domestic';
  const kindOf = (entry) => entry.issued.credential.evidence[0].certificateKind;
  const rows = KINDS.map((kind) => {
    const ofKind = issued.filter((entry) => kindOf(entry) === kind);
    return [kind, ...TYPES.map((type) => ofKind.filter((entry) => typeOf(entry) === type).length), ofKind.length];
  });
  rows.push(['total', ...TYPES.map((type) => issued.filter((entry) => typeOf(entry) === type).length), issued.length]);
  console.log('\nIssued certificates by kind and type');
  console.log(formatTable(['kind', ...TYPES, 'total'], rows, { rightAligned: [1, 2, 3] }));
}

function timingRow(step, durations, threads, wallMs) {
  const rate = durations.length / ((wallMs ?? durations.reduce((sum, ms) => sum + ms, 0)) / 1000);
  return [step, durations.length, threads, fixed(rate), fixed(median(durations), 2), fixed(percentile(durations, 95), 2)];
}

function printTimings(certificates, { options, renderWallMs, pngWallMs }) {
  const issued = certificates.filter((entry) => entry.issued);
  const rendered = issued.filter((entry) => entry.qr);
  const decoded = rendered.filter((entry) => entry.png);
  const rows = [
    timingRow('issue (validate, sign, encode)', issued.map((entry) => entry.issueMs), 1),
    timingRow(`render PNG (scale ${options.scale})`, rendered.map((entry) => entry.qr.renderMs), options.workers, renderWallMs),
    timingRow('verify PNG (decode image)', decoded.map((entry) => entry.png.verifyMs), options.workers, pngWallMs),
    timingRow('verify QR text', issued.map((entry) => entry.textVerifyMs), 1),
  ];
  console.log('\nThroughput (per second) and time per certificate (ms)');
  console.log(
    formatTable(['step', 'count', 'threads', 'per second', 'median ms', 'p95 ms'], rows, {
      rightAligned: [1, 2, 3, 4, 5],
    }),
  );
  console.log('Per-second rates of multi-threaded steps are wall-clock rates over all threads.');
}

function printQrStatistics(certificates) {
  const rendered = certificates.filter((entry) => entry.qr);
  const versions = rendered.map((entry) => entry.qr.version);
  const payloads = rendered.map((entry) => entry.issued.qrPayload.length);
  const pngSizes = rendered.map((entry) => entry.qr.pngBytes);
  const rows = [
    ['QR version (level M)', ...Object.values(describe(versions))],
    ['payload (characters)', ...Object.values(describe(payloads))],
    ['PNG file (bytes)', ...Object.values(describe(pngSizes))],
  ];
  console.log('\nQR codes');
  console.log(formatTable(['', 'min', 'median', 'p95', 'max'], rows, { rightAligned: [1, 2, 3, 4] }));
  console.log('\nQR versions (count of certificates)');
  console.log(formatHistogram(countBy(versions), { label: (version) => `v${version}` }));
}

/**
 * Prints the summary tables and the failed certificates. Returns the count of certificates
 * that failed to issue, render or verify on either path.
 */
export function printSummary({ certificates, options, renderWallMs, pngWallMs }) {
  printOutcomes(certificates);
  printKinds(certificates);
  printTimings(certificates, { options, renderWallMs, pngWallMs });
  if (certificates.some((entry) => entry.qr)) printQrStatistics(certificates);

  const failures = certificates
    .map((entry) => ({ entry, ...outcomeOf(entry) }))
    .filter(({ outcome }) => outcome !== 'valid');
  if (failures.length > 0) {
    console.log(`\nFailed certificates (first 5 of ${failures.length})`);
    for (const { entry, outcome, reason } of failures.slice(0, 5)) {
      console.log(`  request ${entry.index + 1}: ${outcome}${reason ? ` (${reason})` : ''}`);
    }
  }
  return failures.length;
}

/**
 * Prints a forged certificate's status and failed checks. Returns whether the status is the
 * expected one.
 */
export function printRejection(title, { change, result }, expectedStatus) {
  console.log(`\n${title}: ${change}`);
  console.log(`  status: ${result.status} (expected ${expectedStatus})`);
  for (const check of result.checks.filter((check) => !check.passed)) {
    console.log(`  failed check ${check.code}: ${check.message}${check.pointer ? ` at ${check.pointer}` : ''}`);
  }
  return result.status === expectedStatus;
}
