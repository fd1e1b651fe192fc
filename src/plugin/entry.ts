/**
 * `evalgate/plugin`: the lean entry for vitest.config.ts, `import { evalgate } from 'evalgate/plugin'`.
 * It loads the plugin, its option slices and the reporter shell only: no matcher, judge, statistics, gate or
 * report code, no openai, ajv or chalk (test/unit/architecture/lean-entries.test.ts keeps it so). The worker
 * setup file loads the matchers, the reporter loads the gate and renderers at the end of the run.
 */
// Type-level only (elided at runtime): brings the `expect` matcher and `inject` types of src/vitest.ts.
export type { EvalgateMatchers } from '../vitest.js'
export { evalgate, EvalgateOptionsError, SETUP_FILE } from './index.js'
export type { EvalgateOptions, ResolvedOptions } from './index.js'
