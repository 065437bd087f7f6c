import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import LongestFirst from './test/sequencer.js';

// Four projects: pure unit tests, renderer tests in jsdom, tests against real PostgreSQL 14 to 18 (`*.pg.test.ts`),
// and e2e stories that drive the built renderer in Chromium through browser mode.
export default defineConfig({
  test: {
    // Two workers even on two cores: a pg or e2e test mostly waits on PostgreSQL or Chromium, which run in
    // processes of their own (vitest's default here would be one). Test files never share cluster-wide names:
    // roles carry a unique suffix, and the corpus fixture's fixed roles are loaded by one file only.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,core,server,cli,electron,bench,test}/**/*.test.ts'],
          exclude: ['**/*.pg.test.ts', 'node_modules/**'],
          environment: 'node',
          // (5 s by default: a first import of a large module graph on a busy machine can take longer.)
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['renderer/test-setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'pg',
          include: ['**/*.pg.test.ts'],
          exclude: ['node_modules/**'],
          environment: 'node',
          globalSetup: ['test/pg-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['test/pg-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
