#!/usr/bin/env node
// Checks what `pnpm pack` would publish for each public package under packages/. The tarball
// is checked, not the working tree, so files missing from `files` are caught too:
// - publint lints package.json against the packed files (exports map, types, files);
// - "Are the Types Wrong?" (attw) resolves every entry point the way TypeScript does.
// Build the packages first: `npm test` does, or `pnpm -r --filter "./packages/*" run build`.
//
// Usage: node scripts/check-pack.mjs [package-dir ...]   (default: every folder in packages/)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

// Extensions of entry points that TypeScript can resolve. attw reports any other target, for
// example a `.jsonld` data file, as a failed resolution, so such subpaths are not passed to it.
const moduleExtensions = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.json']);

/** Returns every target path of an exports value: a string, a condition object or an array. */
function exportTargets(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(exportTargets);
  if (value !== null && typeof value === 'object') {
    return Object.values(value).flatMap(exportTargets);
  }
  return [];
}

/** Returns the exports subpaths whose targets are all data files rather than modules. */
function dataSubpaths(exportsField) {
  if (exportsField === null || typeof exportsField !== 'object' || Array.isArray(exportsField)) {
    return [];
  }
  return Object.entries(exportsField)
    .filter(([subpath]) => subpath.startsWith('.'))
    .filter(([, value]) => {
      const targets = exportTargets(value);
      const isModule = (target) => moduleExtensions.has(extname(target));
      return targets.length > 0 && !targets.some(isModule);
    })
    .map(([subpath]) => subpath);
}

/** Returns whether the package ships ECMAScript modules only, with no `require` condition. */
function isEsmOnly(manifest) {
  const conditions = JSON.stringify(manifest.exports ?? {});
  const hasCommonJs = conditions.includes('"require"') || /\.cjs"/.test(conditions);
  return manifest.type === 'module' && !hasCommonJs;
}

/** Packs a package with pnpm into `destination` and returns the tarball path. */
function pack(packageDir, destination) {
  const result = spawnSync(bin('pnpm'), ['pack', '--pack-destination', destination, '--json'], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`pnpm pack failed in ${packageDir}:\n${result.stdout}${result.stderr}`);
  }
  return JSON.parse(result.stdout).filename;
}

/** Runs publint on a tarball; returns the number of errors and warnings, printing each. */
async function runPublint(tarballPath) {
  const bytes = readFileSync(tarballPath);
  const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion' });
  let failures = 0;
  for (const message of messages) {
    // Warnings count as failures: they flag entry points that resolve wrongly for some users.
    if (message.type !== 'suggestion') failures += 1;
    console.log(`  publint ${message.type}: ${formatMessage(message, pkg)}`);
  }
  return failures;
}

/** Runs attw on a tarball and returns the problems found, printing attw's report if any. */
function runAttw(tarballPath, manifest) {
  const profile = isEsmOnly(manifest) ? 'esm-only' : 'strict';
  const args = [tarballPath, '--profile', profile, '--no-definitely-typed'];
  const excluded = dataSubpaths(manifest.exports);
  if (excluded.length > 0) args.push('--exclude-entrypoints', ...excluded);
  const skipped = excluded.length > 0 ? `, data files skipped: ${excluded.join(', ')}` : '';
  console.log(`  attw --profile ${profile}${skipped}`);

  const result = spawnSync(bin('attw'), [...args, '--format', 'json'], { encoding: 'utf8' });
  let analysis;
  try {
    ({ analysis } = JSON.parse(result.stdout));
  } catch {
    return [`attw failed to run:\n${result.stdout}${result.stderr}`];
  }
  // attw exits with 0 for a package without any type declarations, which this SDK must not ship.
  if (analysis.types === false) return ['attw found no type declarations in the packed files'];
  if (result.status === 0) return [];

  const report = spawnSync(bin('attw'), [...args, '--format', 'ascii'], { encoding: 'utf8' });
  console.log(`${report.stdout}${report.stderr}`.trim().replace(/^/gm, '    '));
  return ['attw reported type resolution problems'];
}

/** Checks one package; returns the list of problems found, empty when it passed. */
async function checkPackage(packageDir, manifest) {
  const entry = manifest.exports?.['.']?.default ?? manifest.main;
  if (typeof entry === 'string' && !existsSync(join(packageDir, entry))) {
    return [`entry point ${entry} is missing: build the package first`];
  }

  const destination = mkdtempSync(join(tmpdir(), 'vaxcert-pack-'));
  try {
    const tarballPath = pack(packageDir, destination);
    const problems = [];
    const publintFailures = await runPublint(tarballPath);
    if (publintFailures > 0) {
      problems.push(`publint reported ${publintFailures} error(s) or warning(s)`);
    }
    problems.push(...runAttw(tarballPath, manifest));
    return problems;
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
}

/** Returns the package directories to check: the arguments, or every folder under packages/. */
function packageDirs() {
  const requested = process.argv.slice(2);
  if (requested.length > 0) return requested.map((dir) => resolve(dir));
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packagesDir, entry.name));
}

const failed = [];
let checked = 0;
for (const packageDir of packageDirs()) {
  const manifestPath = join(packageDir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.private === true) {
    console.log(`${manifest.name}: skipped, private`);
    continue;
  }

  console.log(`${manifest.name} (${relative(root, packageDir)}):`);
  const problems = await checkPackage(packageDir, manifest);
  checked += 1;
  if (problems.length === 0) {
    console.log(`  ok`);
  } else {
    for (const problem of problems) console.log(`  FAILED: ${problem}`);
    failed.push(manifest.name);
  }
}

if (failed.length > 0) {
  console.error(`check-pack: ${failed.length} of ${checked} packages failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`check-pack: all ${checked} publishable packages passed publint and attw`);
