import { defineConfig } from 'vitest/config'
import { evalgate } from 'evalgate'

export default defineConfig({
  plugins: [evalgate()],
  test: {
    include: ['evals/**/*.eval.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 60_000,
  },
})
