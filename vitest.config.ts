import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// evalgate's own tests. Unit tests exercise the pure engines; integration tests spawn real
// `vitest run` processes on the fixture projects under test/fixtures (those are excluded here).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/fixtures/**', 'example-suite/**'],
    // Most integration time is spent waiting on the `vitest run` child processes a test spawns, so two test
    // files at once pay off even on a 2-core machine (Vitest's default there is one worker: cores − 1).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Bounds, not timing assertions: a test that spawns several fixture runs must not time out because the
    // other worker's children share the CPU.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 10_000,
  },
})
