import { defineConfig } from 'vitest/config'
import { evalgate } from 'evalgate/plugin'
import { exampleBaselineTrials } from './evals/run-knobs.js'

// Cache keys hold the endpoint's host and port. The suite's own local server (no OPENAI_BASE_URL) gets a
// random port every run, so its calls are keyed under one alias and the committed cache replays; a real
// endpoint is keyed by its host and port (EXAMPLE_CACHE_ENDPOINT_ALIAS keys it under an alias instead).
const endpointAlias = process.env.OPENAI_BASE_URL ? process.env.EXAMPLE_CACHE_ENDPOINT_ALIAS : 'example-local-model'

export default defineConfig({
  // Baselines of the example suite live in the repository's top-level snapshots/ folder. Model calls are
  // recorded in the committed .evalgate/cache/ and replayed: an unchanged rerun makes no call at all.
  plugins: [
    evalgate({
      baselines: { dir: '../snapshots', trials: exampleBaselineTrials() },
      pricing: { 'local-triage-model': { input: 0.15, output: 0.6 } },
      cache: { dir: '.evalgate/cache', ...(endpointAlias ? { endpointAlias } : {}) },
      // EXAMPLE_REPORT_JSON=path also writes the JSON report (evalgate's real-server leg reads it).
      ...(process.env.EXAMPLE_REPORT_JSON ? { reporter: { json: process.env.EXAMPLE_REPORT_JSON } } : {}),
    }),
  ],
  test: {
    include: ['evals/**/*.eval.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 60_000,
  },
})
