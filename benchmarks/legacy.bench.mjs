#!/usr/bin/env node
// Single-thread verification time of existing certificates: the real Co-WIN QR code
// (RsaSignature2018, India's key) in its three input forms, and the DIVOC
// Ed25519Signature2018 credential. Prints Markdown. Options: --samples N (default 300),
// --warmup N (default 30). Run `npm run build` first.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { verify } from '@vaxcert/verifier-sdk';
import { zipSync } from 'fflate';

import { describeMachine, loadAverage } from './lib/machine.mjs';
import { markdownTable, median, percentile } from './lib/stats.mjs';

const vectors = new URL('../test-vectors/legacy/', import.meta.url);
const read = (name) => readFileSync(new URL(name, vectors), 'utf8');

const { values } = parseArgs({
  options: { samples: { type: 'string', default: '300' }, warmup: { type: 'string', default: '30' } },
});
const samples = Number(values.samples);
const warmup = Number(values.warmup);
if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`--samples must be a positive integer, got "${values.samples}"`);
if (!Number.isInteger(warmup) || warmup < 0) throw new RangeError(`--warmup must be a non-negative integer, got "${values.warmup}"`);

const cowinText = read('cowin-india-sample.qr.txt').trim();
const cowinBytes = Uint8Array.from(atob(cowinText.slice(4)), (character) => character.charCodeAt(0));
const indiaKey = { id: 'did:india', type: 'RsaVerificationKey2018', publicKeyPem: read('cowin-did-india.public.pem') };
const divoc = JSON.parse(read('divoc-ed25519-2018-sample.json'));
const divocZip = zipSync({ 'certificate.json': new TextEncoder().encode(JSON.stringify(divoc.credential)) });
const divocKey = { id: 'did:india', type: 'Ed25519VerificationKey2018', publicKeyBase58: divoc.publicKeyBase58 };
const now = new Date('2026-06-01T00:00:00Z');

const cases = [
  ['Co-WIN, B64: text', cowinText, indiaKey],
  ['Co-WIN, raw ZIP bytes', cowinBytes, indiaKey],
  ['Co-WIN, Latin-1 text', String.fromCharCode(...cowinBytes), indiaKey],
  ['DIVOC Ed25519Signature2018, ZIP bytes', divocZip, divocKey],
];

const rows = [];
for (const [name, qr, key] of cases) {
  const run = () => verify({ qr, trustedIssuers: [], trustedLegacyKeys: [key], now });
  for (let i = 0; i < warmup; i++) await run();
  const times = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    const result = await run();
    times.push(performance.now() - start);
    if (result.status !== 'valid') throw new Error(`${name}: expected valid, got ${result.status}`);
  }
  rows.push([name, median(times).toFixed(3), percentile(times, 95).toFixed(3), samples]);
}

const machine = describeMachine();
console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node.js ${machine.node}, ${machine.os}; load ${loadAverage()}\n`);
console.log(markdownTable(['legacy verify', 'median ms', 'p95 ms', 'samples'], rows, { rightAligned: [1, 2, 3] }));
