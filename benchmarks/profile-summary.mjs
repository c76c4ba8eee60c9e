#!/usr/bin/env node
// Summarises a V8 CPU profile (`node --cpu-prof` output): self time of the top functions
// and of each package, as a share of all sampled time, in Markdown.
// Usage: node profile-summary.mjs FILE.cpuprofile [--top N]   (N defaults to 15)
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { markdownTable } from './lib/stats.mjs';

/**
 * Returns the npm or workspace package a script URL belongs to. Other files get their path
 * relative to the current directory, Node.js internals `node (built-in)`, and frames without
 * a URL, such as the garbage collector, `(V8 and native)`.
 */
function packageOf(url) {
  if (url === '') return '(V8 and native)';
  if (url.startsWith('node:')) return 'node (built-in)';
  const parts = url.split('/node_modules/');
  if (parts.length > 1) {
    const segments = parts[parts.length - 1].split('/');
    return segments[0].startsWith('@') ? `${segments[0]}/${segments[1]}` : segments[0];
  }
  const workspace = /\/packages\/([^/]+)\//.exec(url);
  if (workspace) return `@vaxcert/${workspace[1]}`;
  return url.startsWith('file:') ? relative(process.cwd(), fileURLToPath(url)) : url;
}

/** Returns the self time in microseconds of each profile node, by node id. */
function selfTimes(profile) {
  const times = new Map();
  profile.samples.forEach((nodeId, index) => {
    times.set(nodeId, (times.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return times;
}

function addTo(map, key, value) {
  map.set(key, (map.get(key) ?? 0) + value);
}

function topRows(map, total, count) {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => [name, `${((micros / total) * 100).toFixed(1)} %`, (micros / 1000).toFixed(0)]);
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '15' } } });
if (positionals.length !== 1) {
  console.error('usage: node profile-summary.mjs FILE.cpuprofile [--top N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const times = selfTimes(profile);
const byFunction = new Map();
const byPackage = new Map();
let total = 0;
for (const node of profile.nodes) {
  const micros = times.get(node.id) ?? 0;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url === '' ? '' : ` ${packageOf(url)}:${url.split('/').pop()}:${lineNumber + 1}`;
  addTo(byFunction, `${functionName || '(anonymous)'}${where}`, micros);
  addTo(byPackage, packageOf(url), micros);
  total += micros;
}
const top = Number(values.top);
console.log(`Sampled time: ${(total / 1000).toFixed(0)} ms\n`);
console.log(markdownTable(['Function (self time)', 'Share', 'ms'], topRows(byFunction, total, top), { rightAligned: [1, 2] }));
console.log('');
console.log(markdownTable(['Package (self time)', 'Share', 'ms'], topRows(byPackage, total, top), { rightAligned: [1, 2] }));
