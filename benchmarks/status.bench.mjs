#!/usr/bin/env node
// Single-thread timings of status lists: publishing (encoding and signing) a 131,072-entry
// list, and checking a certificate's revocation and suspension status with a warm and a cold
// cache. Prints Markdown. Options: --samples N (default 200), --warmup N (default 20).
// It also compares full `verify` calls with and without status entries (warm cache) and
// prints the ratio. Run `npm run build` first.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import {
  StatusListManager,
  createDidDocument,
  createMemoryStatusListStore,
  exportIssuerKey,
  generateIssuerKey,
  issue,
} from '@vaxcert/issuer-sdk';
import { createDocumentLoader, ED25519_2020_CONTEXT_URL } from '@vaxcert/schemas';
import { checkCredentialStatus, createStatusListCache, verify } from '@vaxcert/verifier-sdk';

import { describeMachine, loadAverage } from './lib/machine.mjs';
import { markdownTable, median, percentile } from './lib/stats.mjs';

const BASE_URL = 'https://certify.example.gov.in/status-lists';
const LIST_LENGTH = 131_072;
const NOW = new Date('2026-06-01T00:00:00Z');
/** Median publish time per list the SDK aims for on one core, in milliseconds. */
const PUBLISH_TARGET_MS = 50;

function parseOptions() {
  const { values } = parseArgs({
    options: { samples: { type: 'string', default: '200' }, warmup: { type: 'string', default: '20' } },
  });
  const samples = Number(values.samples);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`--samples must be a positive integer, got "${values.samples}"`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new RangeError(`--warmup must be a non-negative integer, got "${values.warmup}"`);
  return { samples, warmup };
}

/** Runs `operation` `warmup` times untimed, then `samples` times timed; returns milliseconds. */
async function measure(operation, { warmup, samples }) {
  for (let i = 0; i < warmup; i++) await operation(i);
  const times = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await operation(i);
    times.push(performance.now() - start);
  }
  return times;
}

/** Saves a list whose status bits are set with probability `share`, so publishing has real content. */
async function storeList(store, id, share) {
  const status = new Uint8Array(LIST_LENGTH / 8);
  for (let index = 0; index < LIST_LENGTH; index++) {
    if (randomInt(1_000_000) < share * 1_000_000) status[index >> 3] |= 0x80 >> (index & 7);
  }
  const allocated = new Uint8Array(LIST_LENGTH / 8);
  await store.save({ id, statusPurpose: 'revocation', length: LIST_LENGTH, status, allocated, allocatedCount: 0, version: 1 }, 0);
}

function firstRequest() {
  const path = new URL('../test-vectors/sample/certify-requests.jsonl', import.meta.url);
  return JSON.parse(readFileSync(path, 'utf8').split('\n')[0]);
}

const options = parseOptions();
const key = await generateIssuerKey({ did: 'did:web:certify.example.gov.in', seed: new Uint8Array(32).fill(7) });
const store = createMemoryStatusListStore();
const manager = new StatusListManager({ store, baseUrl: BASE_URL });
const rows = [];
const summarise = (name, times, note = '') => {
  rows.push([name, median(times).toFixed(3), percentile(times, 95).toFixed(3), times.length, note]);
};

for (const [id, share] of [['sparse', 0.001], ['ten-percent', 0.1]]) {
  await storeList(store, id, share);
  let size = 0;
  const times = await measure(async () => {
    size = JSON.stringify(await manager.publish({ listId: id, key, now: NOW })).length;
  }, { warmup: options.warmup, samples: Math.min(options.samples, 100) });
  summarise(`publish list, ${share * 100}% set`, times, `target < ${PUBLISH_TARGET_MS} ms; ${size} bytes of JSON`);
}

const credentialStatus = await manager.allocate();
const { credential } = await issue({ request: firstRequest(), key, now: NOW, credentialStatus });
const lists = new Map();
for (const entry of credentialStatus) {
  const listId = entry.statusListCredential.slice(BASE_URL.length + 1);
  lists.set(entry.statusListCredential, await manager.publish({ listId, key, now: NOW }));
}
const didDocument = createDidDocument({ keys: [key] });
const documentLoader = createDocumentLoader({
  documents: { [didDocument.id]: didDocument, [key.id]: { '@context': ED25519_2020_CONTEXT_URL, ...exportIssuerKey(key) } },
});
const checkOptions = (cache) => ({
  source: { fetch: async (url) => structuredClone(lists.get(url)) },
  cache,
  now: new Date(NOW.getTime() + 60_000),
  documentLoader,
  isTrustedKey: (id, issuer) => id === key.id && issuer === key.controller,
});

const warmCache = createStatusListCache();
const warm = await measure(async () => {
  const result = await checkCredentialStatus(credential, checkOptions(warmCache));
  if (result.outcome !== 'valid') throw new Error(`unexpected outcome ${result.outcome}`);
}, { ...options, samples: options.samples * 10 });
summarise('checkCredentialStatus, warm cache', warm, 'both lists cached');

const cold = await measure(async () => {
  await checkCredentialStatus(credential, checkOptions(createStatusListCache()));
}, { warmup: options.warmup, samples: Math.min(options.samples, 100) });
summarise('checkCredentialStatus, cold cache', cold, 'fetch from memory, verify 2 lists');

// Full verification of the same request with and without status entries, interleaved so
// both see the same machine load.
const trustedIssuers = [didDocument];
const later = new Date(NOW.getTime() + 60_000);
const withStatus = await issue({ request: firstRequest(), key, now: NOW, credentialStatus: await manager.allocate() });
for (const entry of withStatus.credential.credentialStatus) {
  const listId = entry.statusListCredential.slice(BASE_URL.length + 1);
  lists.set(entry.statusListCredential, await manager.publish({ listId, key, now: NOW }));
}
const withoutStatus = await issue({ request: firstRequest(), key, now: NOW });
const statusSource = { fetch: async (url) => structuredClone(lists.get(url)) };
const statusCache = createStatusListCache();
const plainTimes = [];
const uncheckedTimes = [];
const statusTimes = [];
const timed = async (times, run, expected) => {
  const start = performance.now();
  const result = await run();
  times.push(performance.now() - start);
  if (result.status !== expected) throw new Error(`expected ${expected}, got ${result.status}`);
};
for (let round = 0; round < options.warmup + options.samples * 2; round++) {
  const rounds = round >= options.warmup ? [plainTimes, uncheckedTimes, statusTimes] : [[], [], []];
  await timed(rounds[0], () => verify({ qr: withoutStatus.qrPayload, trustedIssuers, now: later }), 'valid');
  await timed(rounds[1], () => verify({ qr: withStatus.qrPayload, trustedIssuers, now: later }), 'status_unknown');
  await timed(rounds[2], () => verify({ qr: withStatus.qrPayload, trustedIssuers, now: later, statusSource, statusCache }), 'valid');
}
const ratio = (times, base) => (median(times) / median(base)).toFixed(3);
summarise('verify, credential without status entries', plainTimes);
summarise('verify, status entries, no status source', uncheckedTimes, `${ratio(uncheckedTimes, plainTimes)} × the first row`);
summarise('verify, status entries, warm cache', statusTimes, `${ratio(statusTimes, uncheckedTimes)} × the row above (target ≤ 1.10)`);

const machine = describeMachine();
console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node.js ${machine.node}, ${machine.os}; load ${loadAverage()}\n`);
console.log(markdownTable(['operation', 'median ms', 'p95 ms', 'samples', 'note'], rows, { rightAligned: [1, 2, 3] }));
