// Tests of the issuance service. They start the compiled service (`dist/`) as child processes,
// so `npm test` compiles it first, and they use the PostgreSQL and NATS servers on 127.0.0.1.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // CI sums the counts of every suite's JSON report.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '../../out/vitest-report-issuance-service.json' },
    include: ['test/**/*.test.ts'],
    // The crash-recovery and NATS tests sign about a thousand certificates on two cores.
    testTimeout: 240_000,
    hookTimeout: 60_000,
    // Suites start service processes that each use a signing pool; running them one at a time
    // keeps timings predictable on a two-core machine.
    fileParallelism: false,
  },
});
