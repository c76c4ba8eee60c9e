// End-to-end issuance benchmark: starts the service (API and signer in one process) on
// 127.0.0.1, posts COUNT certify requests (default 3,000) in calls of 100, and waits until
// every one is issued. It reports the time from the first call to the last certificate and
// the signing rate between the first and the last certificate. It also reports the service's
// CPU time per certificate (all threads), which depends less on other load on the machine.
// Usage: node bench/issuance.mjs [sqlite|postgres]   (after `npx tsc -p tsconfig.build.json`)
// Settings: COUNT, SERVICE_NODE_ARGS, and SIGNER_THREADS, CLAIM_BATCH and the other service
// variables, which pass through to the service.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';
import pg from 'pg';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));
const store = process.argv[2] ?? 'sqlite';
if (store !== 'sqlite' && store !== 'postgres') throw new TypeError(`store must be sqlite or postgres, got "${store}"`);
const count = Number(process.env.COUNT ?? 3_000);
const timeoutMs = 300_000;
const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `issuance_bench_${process.pid}_${Date.now()}`;
const dataDir = mkdtempSync(join(tmpdir(), 'issuance-bench-'));
const env = { ...process.env, DATA_DIR: dataDir, STORE: store, PG_SCHEMA: schema, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
const samples = readFileSync(join(serviceDir, '../../test-vectors/sample/certify-requests.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));

const apiKey = execFileSync(process.execPath, ['dist/cli/api-key.js', '--role', 'facility', '--name', 'bench'], { cwd: serviceDir, env, encoding: 'utf8' }).trim();
// SERVICE_NODE_ARGS passes options to the service's node, for example
// "--cpu-prof --cpu-prof-dir=/tmp/profiles" (NODE_OPTIONS does not accept --cpu-prof).
const nodeArgs = (process.env.SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, 'dist/main.js'], { cwd: serviceDir, env: { ...env, PORT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    const match = /"port":(\d+)[^\n]*"service started"/.exec(buffered);
    if (match !== null) resolve(`http://127.0.0.1:${match[1]}`);
    // Keep only the tail: the service logs one line per certificate.
    if (buffered.length > 65_536) buffered = buffered.slice(-4_096);
  });
  child.once('exit', (code) => reject(new Error(`service exited with code ${code} before starting`)));
});

// Counts pending requests and reads the first and last issue time, from the service's database.
let database;
if (store === 'sqlite') {
  const db = new Database(join(dataDir, 'issuance.sqlite'), { readonly: true });
  database = {
    pending: async () => db.prepare(`SELECT COUNT(*) AS n FROM requests WHERE state = 'pending'`).get().n,
    span: async () => db.prepare(`SELECT COUNT(*) AS n, MIN(issued_at) AS first, MAX(issued_at) AS last FROM certificates`).get(),
    close: async () => db.close(),
  };
} else {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  const one = async (sql) => (await client.query(sql)).rows[0];
  database = {
    pending: async () => Number((await one(`SELECT COUNT(*) AS n FROM ${schema}.requests WHERE state = 'pending'`)).n),
    span: async () => {
      const row = await one(`SELECT COUNT(*) AS n, MIN(issued_at) AS first, MAX(issued_at) AS last FROM ${schema}.certificates`);
      return { n: Number(row.n), first: Number(row.first), last: Number(row.last) };
    },
    close: async () => {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/**
 * Returns the CPU time of the service process, all threads, in milliseconds. It reads
 * /proc/PID/stat, so it works on Linux only, and assumes 100 clock ticks per second.
 */
function serviceCpuMs() {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of the file, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const cpuAtStart = serviceCpuMs();

const runId = Date.now().toString(36);
const started = Date.now();
for (let start = 0; start < count; start += 100) {
  const body = [];
  for (let index = start; index < Math.min(count, start + 100); index += 1) {
    const sample = samples[index % samples.length];
    body.push({ ...sample, preEnrollmentCode: `${sample.preEnrollmentCode}-${runId}-${index}` });
  }
  const response = await fetch(`${url}/v1/certify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`certify call failed with HTTP ${response.status}: ${await response.text()}`);
  await response.body?.cancel();
}
const accepted = Date.now();

while ((await database.pending()) > 0) {
  if (Date.now() - started > timeoutMs) throw new Error(`requests still pending after ${timeoutMs} ms`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const span = await database.span();
const finished = Math.max(span.last, accepted);
const cpuMs = serviceCpuMs() - cpuAtStart;

child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
await database.close();
rmSync(dataDir, { recursive: true, force: true });

const seconds = (ms) => Math.round(ms) / 1000;
console.log(
  JSON.stringify({
    store,
    requests: count,
    certificates: span.n,
    signerThreads: process.env.SIGNER_THREADS ?? 'CPUs',
    acceptedSeconds: seconds(accepted - started),
    endToEndSeconds: seconds(finished - started),
    endToEndPerSecond: Math.round((span.n / (finished - started)) * 1000),
    signingPerSecond: Math.round((span.n / (span.last - span.first)) * 1000),
    serviceCpuMsPerCertificate: Math.round((cpuMs / span.n) * 1000) / 1000,
  }),
);
