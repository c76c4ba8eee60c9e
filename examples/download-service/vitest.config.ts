// Tests of the download service example; `pnpm test` in this folder or the root `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // PDF rendering and pdftoppm are slow on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
