/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any -- response bodies are untyped JSON that the tests check field by field. */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

export const serviceDir = fileURLToPath(new URL('..', import.meta.url));
const samplesDir = fileURLToPath(new URL('../../../test-vectors/sample/', import.meta.url));

/** The 1,000 sample certify requests. */
export function sampleRequests(): Record<string, unknown>[] {
  return readFileSync(join(samplesDir, 'certify-requests.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function sampleCsv(): string {
  return readFileSync(join(samplesDir, 'bulk-upload-200.csv'), 'utf8');
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'issuance-test-'));
}

/** A service process started from `dist/main.js`, with every log line it printed. */
export interface RunningService {
  readonly url: string;
  readonly child: ChildProcess;
  readonly logs: string[];
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** Starts the compiled service on a free port and waits for its start log line. */
export async function startService(env: Record<string, string>, options: { waitForLine?: string } = {}): Promise<RunningService> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: serviceDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let buffered = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start within 30 s; output:\n${logs.join('\n')}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        logs.push(line);
        const wanted = options.waitForLine ?? 'service started';
        if (line.includes(`"msg":"${wanted}"`)) {
          clearTimeout(timer);
          const port = (JSON.parse(line) as { port?: number }).port;
          resolve(port === undefined ? '' : `http://127.0.0.1:${port}`);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with code ${code} before starting; output:\n${logs.join('\n')}`));
    });
  });
  const url = await started;
  return {
    url,
    child,
    logs,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Creates an API key with the service's CLI against the database that `env` configures. */
export function createApiKey(env: Record<string, string>, role: 'facility' | 'admin'): string {
  return execFileSync(process.execPath, ['dist/cli/api-key.js', '--role', role, '--name', `test-${role}`], {
    cwd: serviceDir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  }).trim();
}

export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Returns a schema name unique to this test run. */
export function uniqueSchema(): string {
  return `issuance_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

/** Sends a JSON request and returns the status and parsed body. */
export async function call(
  url: string,
  options: { method?: string; apiKey?: string; token?: string; body?: unknown; contentType?: string } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(url, { method: options.method ?? 'GET', headers, body });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text), headers: response.headers };
}

/** Polls `check` every 250 ms until it returns true, for at most `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
