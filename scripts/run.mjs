#!/usr/bin/env node
// Entry point behind the root npm scripts. It needs only Node.js and npm: pnpm is
// started through npx at the version pinned in package.json, dependencies are
// installed when node_modules is missing or older than the lockfile, and the
// packages are built before anything runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
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
  test: () => pnpm('run', 'test:all'),
  typecheck: () => pnpm('run', 'typecheck'),
  lint: () => pnpm('run', 'lint'),
  'check-pack': () => pnpm('run', 'check:pack'),
  // The same checks as .ci/run, without its machine setup; each check runs once.
  ci: () => {
    pnpm('run', 'test:all');
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
