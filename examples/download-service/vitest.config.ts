// Tests of the download service example; `pnpm test` in this folder or the root `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // CI sums the counts of every suite's JSON report.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '../../out/vitest-report-download-service.json' },
    include: ['test/**/*.test.ts'],
    // PDF rendering and pdftoppm are slow on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
