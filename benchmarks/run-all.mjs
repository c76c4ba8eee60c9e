#!/usr/bin/env node
// Runs every `*.bench.mjs` file in this folder, `core.bench.mjs` first, each in its own
// Node.js process. `--samples N` and `--warmup N` are passed on to each; run a file directly
// for its other options. A benchmark whose imports name a file or export that the built
// packages lack is skipped with a message, because it needs code that is not built yet.
// Exits with 1 when a benchmark that ran failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const folder = new URL('.', import.meta.url);
const STATIC_IMPORT = /^import\s+(?:([\s\S]*?)\s+from\s+)?['"]([^'"]+)['"]/gm;

/** Returns the names a static import binds with `{ … }`, without `as` aliases. */
function namedImports(clause) {
  const braces = /\{([^}]*)\}/.exec(clause ?? '');
  if (!braces) return [];
  return braces[1]
    .split(',')
    .map((name) => name.trim().split(/\s+as\s+/)[0].trim())
    .filter((name) => name !== '');
}

/**
 * Returns why a benchmark needs code that is not built, or `undefined`. It loads each
 * relative or `@vaxcert/*` module the file imports statically and checks the named imports.
 * A module that exists but fails to load is left for the benchmark run to report.
 * @param {string} file
 */
async function missingBuild(file) {
  const fileUrl = new URL(file, folder);
  const source = readFileSync(fileUrl, 'utf8');
  for (const [, clause, specifier] of source.matchAll(STATIC_IMPORT)) {
    if (!specifier.startsWith('.') && !specifier.startsWith('@vaxcert/')) continue;
    const target = specifier.startsWith('.') ? new URL(specifier, fileUrl).href : specifier;
    let exported;
    try {
      exported = await import(target);
    } catch (error) {
      if (error?.code === 'ERR_MODULE_NOT_FOUND') return `${specifier} was not found`;
      return undefined;
    }
    const missing = namedImports(clause).filter((name) => !(name in exported));
    if (missing.length > 0) return `${specifier} does not export ${missing.join(', ')}`;
  }
  return undefined;
}

const { values } = parseArgs({ options: { samples: { type: 'string' }, warmup: { type: 'string' } } });
const forwarded = Object.entries(values).flatMap(([name, value]) => [`--${name}`, value]);
const others = readdirSync(folder)
  .filter((name) => name.endsWith('.bench.mjs') && name !== 'core.bench.mjs')
  .sort();
const files = existsSync(new URL('core.bench.mjs', folder)) ? ['core.bench.mjs', ...others] : others;
const failed = [];
for (const file of files) {
  const reason = await missingBuild(file);
  if (reason) {
    console.log(`\nSkipped ${file}: ${reason}. Build the packages with "npm run build" and run it again.\n`);
    continue;
  }
  console.log(`\n<!-- ${file} -->\n`);
  const result = spawnSync(process.execPath, [file, ...forwarded], { cwd: fileURLToPath(folder), stdio: 'inherit' });
  if (result.error || result.status !== 0) failed.push(file);
}
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
