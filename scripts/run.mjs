#!/usr/bin/env node
// Entry point behind the root npm scripts. It needs only Node.js and npm: pnpm is
// started through npx at the version pinned in package.json, dependencies are
// installed when node_modules is missing or older than the lockfile, and the
// packages are built before anything runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function pnpm(...args) {
  run('npx', ['--yes', packageManager, ...args]);
}

/** Runs pnpm and returns its exit status instead of stopping on failure. */
function pnpmStatus(...args) {
  const result = spawnSync('npx', ['--yes', packageManager, ...args], { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/**
 * Runs the workspace tests, then the test script of every example, each one even when an
 * earlier one failed, and exits non-zero naming the suites that failed.
 */
function testAll() {
  const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'examples', entry.name, 'package.json')))
    .map((entry) => entry.name);
  const suites = [['workspace', ['exec', 'vitest', 'run']], ...examples.map((name) => [`examples/${name}`, ['--filter', `./examples/${name}`, '--if-present', 'run', 'test']])];
  const failed = suites.filter(([name, args]) => {
    console.log(`\n=== tests: ${name}`);
    return pnpmStatus(...args) !== 0;
  });
  if (failed.length > 0) {
    console.error(`\ntest suites failed: ${failed.map(([name]) => name).join(', ')}`);
    process.exit(1);
  }
}

function ensureInstalled() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lockfile = join(root, 'pnpm-lock.yaml');
  const fresh =
    existsSync(marker) &&
    (!existsSync(lockfile) || statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs);
  if (!fresh) pnpm('install', '--frozen-lockfile');
}

const tasks = {
  install: () => ensureInstalled(),
  build: () => pnpm('-r', '--filter', './packages/*', 'run', 'build'),
  demo: () => pnpm('--filter', '@vaxcert/demo', 'run', 'demo', ...process.argv.slice(3)),
  test: () => testAll(),
  typecheck: () => pnpm('run', 'typecheck'),
  lint: () => pnpm('run', 'lint'),
  'check-pack': () => pnpm('run', 'check:pack'),
  // The same checks as .ci/run, without its machine setup; each check runs once.
  ci: () => {
    testAll();
    pnpm('run', 'typecheck');
    pnpm('run', 'lint');
    pnpm('run', 'check:pack');
  },
  bench: () => pnpm('--filter', '@vaxcert/benchmarks', 'run', 'bench', ...process.argv.slice(3)),
};

const name = process.argv[2];
const task = tasks[name];
if (!task) {
  console.error(`unknown task "${name}"; expected one of: ${Object.keys(tasks).join(', ')}`);
  process.exit(2);
}
ensureInstalled();
if (name !== 'install') tasks.build();
task();
