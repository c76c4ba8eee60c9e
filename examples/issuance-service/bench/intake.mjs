// Intake benchmark: autocannon posts 10 certify requests per call to a service started with
// SERVICE_MODE=api (no signing) on 127.0.0.1 for DURATION seconds (default 10) over
// CONNECTIONS connections (default 20).
// Usage: node bench/intake.mjs [sqlite|postgres]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import autocannon from 'autocannon';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));
const store = process.argv[2] ?? 'sqlite';
const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 20);
const schema = `issuance_bench_${Date.now()}`;
const env = { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'issuance-bench-')), STORE: store, PG_SCHEMA: schema, LOG_LEVEL: 'warn' };
const samples = readFileSync(join(serviceDir, '../../test-vectors/sample/certify-requests.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));

const apiKey = execFileSync(process.execPath, ['dist/cli/api-key.js', '--role', 'facility', '--name', 'bench'], { cwd: serviceDir, env, encoding: 'utf8' }).trim();
const port = 3900 + Math.floor(Math.random() * 90);
const child = spawn(process.execPath, [...(process.env.SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean), 'dist/main.js'], { cwd: serviceDir, env: { ...env, SERVICE_MODE: 'api', PORT: String(port) }, stdio: 'inherit' });
await new Promise((resolve) => setTimeout(resolve, 2500));

// Each call carries 10 distinct requests: a counter appended to preEnrollmentCode makes every request new, so each is stored.
let counter = 0;
const result = await autocannon({
  url: `http://127.0.0.1:${port}/v1/certify`,
  connections,
  duration,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      setupRequest: (request) => {
        const body = [];
        for (let i = 0; i < 10; i += 1) {
          counter += 1;
          const sample = samples[counter % samples.length];
          body.push({ ...sample, preEnrollmentCode: `${sample.preEnrollmentCode}-${counter}` });
        }
        return { ...request, body: JSON.stringify(body) };
      },
    },
  ],
});
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
rmSync(env.DATA_DIR, { recursive: true, force: true });
console.log(JSON.stringify({
  store,
  connections,
  durationSeconds: duration,
  calls: result.requests.total,
  non2xx: result.non2xx,
  callsPerSecond: result.requests.average,
  requestsPerSecond: result.requests.average * 10,
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
}));
if (store === 'postgres') {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
