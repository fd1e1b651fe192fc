import { defineConfig } from 'vitest/config'
import { evalgate } from 'evalgate/plugin'
import { COMPARE_PORTS } from './compare-ports.js'

// Model selection over the same suite (`npm run example:compare`; compare-setup.ts serves both candidates on
// local servers): "current" is the model the app uses today (priced per
// token like an API), "quantized" a self-hosted build of it (priced per GPU hour), faster but it breaks JSON
// more often. The judge stays on the reference's endpoint for both. Baselines are the regression suite's
// business (`npm run example`); this run answers "which model".
export default defineConfig({
  plugins: [
    evalgate({
      baselines: { enabled: false },
      candidates: {
        current: { baseURL: `http://127.0.0.1:${COMPARE_PORTS.current}/v1`, model: 'local-triage-model', pricing: { input: 0.15, output: 0.6 } },
        quantized: { baseURL: `http://127.0.0.1:${COMPARE_PORTS.quantized}/v1`, model: 'local-triage-model-q4', pricing: { hourly: 0.4 } },
      },
      compare: {
        reference: 'current',
        thresholds: { schema_valid: { minRatio: 0.9 }, 'latency.p95': { max: 2_000 } },
        dimensions: {
          accuracy: { weight: 0.3, metrics: ['accuracy', 'priority'] },
          structured_output: { weight: 0.3, metrics: ['schema_valid'] },
          efficiency: { weight: 0.2, metrics: ['latency.p95', 'tokensPerSecond'] },
          failures: { weight: 0.2, metrics: ['failures.rate'] },
        },
        prefer: 'cost',
        json: '.evalgate/compare.json',
        html: '.evalgate/compare.html',
      },
    }),
  ],
  test: {
    include: ['evals/**/*.eval.ts'],
    globalSetup: ['./compare-setup.ts'],
    testTimeout: 60_000,
  },
})
