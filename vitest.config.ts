// Test configuration for the whole workspace. `npm test` runs it through scripts/run.mjs,
// which builds the packages first, because tests import each other's published entry points.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
const packageNames = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default defineConfig({
  test: {
    environment: 'node',
    // Generous, because the CI machine has two cores and the browser tests start Chromium.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Blocks and reports every connection to a host other than the loopback interface.
    setupFiles: [fileURLToPath(new URL('./test/network-guard.ts', import.meta.url))],
    // CI reads the counts of the JSON report for its summary line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'out/vitest-report.json' },
    projects: [
      {
        extends: true,
        test: { name: 'workspace', include: ['test/**/*.test.ts'] },
      },
      ...packageNames.map((name) => ({
        extends: true as const,
        test: { name, include: [`packages/${name}/test/**/*.test.ts`] },
      })),
    ],
  },
});
