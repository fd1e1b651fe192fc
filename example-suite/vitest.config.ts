import { defineConfig } from 'vitest/config'
import { evalgate } from 'evalgate'

export default defineConfig({
  // Baselines of the example suite live in the repository's top-level snapshots/ folder. Model calls are
  // recorded in the committed .evalgate/cache/ and replayed: an unchanged rerun makes no call at all.
  plugins: [
    evalgate({
      baselines: { dir: '../snapshots' },
      pricing: { 'local-triage-model': { input: 0.15, output: 0.6 } },
      cache: { dir: '.evalgate/cache' },
    }),
  ],
  test: {
    include: ['evals/**/*.eval.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 60_000,
  },
})
