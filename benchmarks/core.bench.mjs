#!/usr/bin/env node
// Single-thread timings per certificate of the SDK's core operations, on the 1,000 sample
// certify requests, and the QR version and payload length they produce. Prints Markdown.
// Options: --samples N (default 300), --warmup N (default 50), --scale N (PNG pixels per
// module, default 2), --only NAMES (comma-separated operation names, see OPERATIONS),
// --certificates N (use the first N sample requests, default all; calls cycle through them).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { createDidDocument, encodeQrPayload, generateIssuerKey, issue, renderQr } from '@vaxcert/issuer-sdk';
import { verify } from '@vaxcert/verifier-sdk';

import { describeMachine, loadAverage } from './lib/machine.mjs';
import { markdownTable, median, percentile } from './lib/stats.mjs';

const REQUESTS_PATH = fileURLToPath(new URL('../test-vectors/sample/certify-requests.jsonl', import.meta.url));
const OPERATIONS = ['issue', 'verify', 'encode', 'render', 'verify-png', 'sizes'];
/** Median time per certificate the SDK aims for on one core, in milliseconds. */
const TARGETS_MS = { issue: 2, verify: 1.5 };

function parseOptions() {
  const { values } = parseArgs({
    options: {
      samples: { type: 'string', default: '300' },
      warmup: { type: 'string', default: '50' },
      scale: { type: 'string', default: '2' },
      only: { type: 'string', default: OPERATIONS.join(',') },
      certificates: { type: 'string', default: String(Number.MAX_SAFE_INTEGER) },
    },
  });
  const integer = (name, min) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min) {
      throw new RangeError(`--${name} must be an integer of at least ${min}, got "${values[name]}"`);
    }
    return value;
  };
  const only = values.only.split(',').map((name) => name.trim());
  const unknown = only.find((name) => !OPERATIONS.includes(name));
  if (unknown) throw new RangeError(`--only: unknown operation "${unknown}", expected one of: ${OPERATIONS.join(', ')}`);
  return {
    samples: integer('samples', 1),
    warmup: integer('warmup', 0),
    scale: integer('scale', 1),
    certificates: integer('certificates', 1),
    only,
  };
}

/**
 * Calls `operation(i)` `warmup` times untimed, then `samples` times timed one by one, and
 * returns the wall-clock times and the process CPU times (user + system, all threads) in
 * milliseconds. `i` counts on across both phases. On a busy machine the wall-clock time
 * includes waiting for a core, and the CPU time does not.
 */
async function measure(operation, { warmup, samples }) {
  for (let i = 0; i < warmup; i++) await operation(i);
  const wall = [];
  const cpu = [];
  for (let i = warmup; i < warmup + samples; i++) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    await operation(i);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

function timingRow(label, name, { wall, cpu }) {
  const medianMs = median(wall);
  const target = TARGETS_MS[name];
  let verdict = '';
  if (target !== undefined) verdict = medianMs <= target ? 'met' : 'missed';
  return [
    label,
    medianMs.toFixed(3),
    percentile(wall, 95).toFixed(3),
    median(cpu).toFixed(3),
    wall.length,
    target === undefined ? '' : `≤ ${target}`,
    verdict,
  ];
}

function distributionRow(label, values) {
  return [label, median(values), percentile(values, 95), Math.max(...values)];
}

async function qrVersions(payloads, errorCorrectionLevel) {
  const versions = [];
  for (const payload of payloads) {
    versions.push((await renderQr({ payload, format: 'svg', errorCorrectionLevel })).version);
  }
  return versions;
}

async function main() {
  const options = parseOptions();
  const selected = new Set(options.only);
  const loadBefore = loadAverage();
  const requests = readFileSync(REQUESTS_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, options.certificates)
    .map((line) => JSON.parse(line));
  const key = await generateIssuerKey({ did: 'did:web:bench.vaxcert.example' });
  const trustedIssuers = [createDidDocument({ keys: [key] })];

  // Signed certificates for every operation but `issue`. They are issued before any timing,
  // so a CPU profile of `--only issue` contains issuing alone.
  const certificates = [];
  if (options.only.some((name) => name !== 'issue')) {
    for (const request of requests) certificates.push(await issue({ request, key }));
  }
  const at = (i) => certificates[i % certificates.length];
  const pngs = new Map();
  const pngFor = async (i) => {
    if (!pngs.has(i)) pngs.set(i, (await renderQr({ payload: at(i).qrPayload, format: 'png', scale: options.scale })).image);
    return pngs.get(i);
  };

  const runs = [
    ['issue', 'issue: validate, sign, encode', (i) => issue({ request: requests[i % requests.length], key })],
    ['verify', 'verify QR text (warm trust store)', (i) => verify({ qr: at(i).qrPayload, trustedIssuers })],
    ['encode', 'encodeQrPayload', (i) => encodeQrPayload({ credential: at(i).credential })],
    ['render', `renderQr PNG (level M, scale ${options.scale})`, (i) => pngFor(i)],
    ['verify-png', `verify PNG: decode image + verify (scale ${options.scale})`, async (i) => verify({ qr: pngs.get(i) ?? (await pngFor(i)), trustedIssuers })],
  ];
  const timingRows = [];
  for (const [name, label, operation] of runs) {
    if (!selected.has(name)) continue;
    if (name === 'verify-png') {
      // Render outside the timed calls, so only decoding and verification are measured.
      for (let i = 0; i < options.warmup + options.samples; i++) await pngFor(i);
    }
    const times = await measure(operation, options);
    timingRows.push(timingRow(label, name, times));
    // The PNG cache would turn the render samples of a second run into lookups.
    if (name === 'render') pngs.clear();
  }
  const failures = [];
  for (const [i, certificate] of certificates.entries()) {
    const result = await verify({ qr: certificate.qrPayload, trustedIssuers });
    if (result.status !== 'valid') failures.push(`request ${i + 1}: ${result.status}`);
  }

  const sizeRows = [];
  if (selected.has('sizes')) {
    const payloads = certificates.map((certificate) => certificate.qrPayload);
    const jsonBytes = certificates.map((certificate) => Buffer.byteLength(JSON.stringify(certificate.credential)));
    sizeRows.push(distributionRow('signed credential JSON (bytes)', jsonBytes));
    sizeRows.push(distributionRow('QR payload (characters)', payloads.map((payload) => payload.length)));
    sizeRows.push(distributionRow('QR version at level M', await qrVersions(payloads, 'M')));
    sizeRows.push(distributionRow('QR version at level Q', await qrVersions(payloads, 'Q')));
  }

  printReport({ options, timingRows, sizeRows, requestCount: requests.length, loadBefore });
  if (failures.length > 0) {
    console.error(`${failures.length} sample certificates did not verify as valid: ${failures.slice(0, 5).join('; ')}`);
    return 1;
  }
  return 0;
}

function printReport({ options, timingRows, sizeRows, requestCount, loadBefore }) {
  const machine = describeMachine();
  const require = createRequire(import.meta.url);
  const sdkVersion = require('@vaxcert/issuer-sdk/package.json').version;
  console.log('## Core operations\n');
  console.log(`- CPU: ${machine.cpu}, ${machine.cores} cores available, ${machine.memoryGiB} GiB memory`);
  console.log(`- Node.js ${machine.node} on ${machine.os}, SDK ${sdkVersion}, one thread`);
  console.log(`- Load average (1 min): ${loadBefore} before, ${loadAverage()} after`);
  console.log(`- ${options.warmup} warm-up calls, then ${options.samples} timed calls per operation, cycling through ${requestCount} sample requests\n`);
  if (timingRows.length > 0) {
    const header = ['Operation', 'Median (ms)', 'p95 (ms)', 'CPU median (ms)', 'Samples', 'Target, median (ms)', 'Result'];
    console.log(markdownTable(header, timingRows, { rightAligned: [1, 2, 3, 4] }));
    console.log('\nMedian and p95 are wall-clock times. CPU median is the process CPU time per call');
    console.log('(user + system, all threads), which waiting for a busy core does not inflate.');
  }
  if (sizeRows.length > 0) {
    console.log(`\nSizes over ${requestCount} sample certificates:\n`);
    console.log(markdownTable(['Quantity', 'Median', 'p95', 'Max'], sizeRows, { rightAligned: [1, 2, 3] }));
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`core benchmark failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
}
