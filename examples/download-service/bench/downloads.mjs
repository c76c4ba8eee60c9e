// Measures PDF downloads per second over HTTP with autocannon, against a server on 127.0.0.1.
//   node --import tsx bench/downloads.mjs [--seconds 10] [--connections 16] [--workers 2] [--language hi]
// The server runs in a child process (bench/serve.mjs) and is stopped at the end. Each request
// renders the certificate with 3 doses; the QR code is cached after the first request.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';

import { TokenService } from '../src/auth/token.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    workers: { type: 'string', default: '2' },
    language: { type: 'string', default: 'hi' },
    port: { type: 'string', default: '8099' },
  },
});
const seconds = Math.min(Number(values.seconds), 60);
const port = Number(values.port);

const server = spawn(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('./serve.mjs', import.meta.url)), String(port), values.workers],
  { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
);
const stopServer = () => {
  // The server is a process group leader (detached), so this also stops its cluster workers.
  if (server.exitCode !== null || server.signalCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
};
process.on('exit', stopServer);

let output = '';
server.stdout.setEncoding('utf8');
server.stdout.on('data', (chunk) => (output += chunk));
const deadline = Date.now() + 30_000;
while (!output.includes('ready')) {
  if (server.exitCode !== null || Date.now() > deadline) throw new Error('benchmark server did not start');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const token = await new TokenService({ secret: Buffer.alloc(32, 11) }).issue('9000000001');
const url = `http://127.0.0.1:${port}/v1/certificates/10000000000001?format=pdf&language=${values.language}`;
// A short warm-up lets the workers compile the hot paths and fill the layout caches first.
await autocannon({ url, connections: Number(values.connections), duration: 3, headers: { authorization: `Bearer ${token}` } });
const result = await autocannon({
  url,
  connections: Number(values.connections),
  duration: seconds,
  headers: { authorization: `Bearer ${token}` },
});
stopServer();
await once(server, 'exit');

const summary = {
  url: url.replace(/\?.*/, '?format=pdf&language=' + values.language),
  seconds,
  connections: Number(values.connections),
  workers: Number(values.workers),
  requestsPerSecond: result.requests.average,
  latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
};
console.log(
  `${summary.requestsPerSecond.toFixed(1)} PDF downloads/s, p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms, ` +
    `${summary.non2xx} non-2xx, ${summary.errors} errors over ${seconds} s`,
);
console.log(JSON.stringify(summary));
