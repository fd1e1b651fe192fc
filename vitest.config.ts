import { defineConfig } from 'vitest/config'

// evalgate's own tests. Unit tests exercise the pure engines; integration tests spawn real
// `vitest run` processes on the fixture projects under test/fixtures (those are excluded here).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/fixtures/**', 'example-suite/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 10_000,
  },
})
