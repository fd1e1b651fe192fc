import { defineConfig } from 'vitest/config'
import { evalgate } from 'evalgate'

// The real-server leg (`npm run test:real-server`): evalgate against llama.cpp's llama-server with a tiny
// real model (../shared/realllm). Not part of `npm test`. Asserts what must hold for any model —
// measurements present and plausible, no crash or hang, judge faults named — never the tiny model's answers.
export default defineConfig({
  plugins: [
    evalgate({
      baselines: { enabled: false },
      reporter: { terminal: false, github: false },
      // Off unless a test turns it on with EVALGATE_CACHE (the record → replay test).
      cache: { dir: '../../.tmp/real-server-cache', mode: 'off' },
    }),
  ],
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
})
