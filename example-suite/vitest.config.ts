import { defineConfig } from 'vitest/config'
import { evalgate } from 'evalgate'

export default defineConfig({
  // Baselines of the example suite live in the repository's top-level snapshots/ folder.
  plugins: [evalgate({ baselines: { dir: '../snapshots' }, pricing: { 'local-triage-model': { input: 0.15, output: 0.6 } } })],
  test: {
    include: ['evals/**/*.eval.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 60_000,
  },
})
