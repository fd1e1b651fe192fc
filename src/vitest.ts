/**
 * Type augmentation of Vitest: adds evalgate's matchers to `expect(…)` (src/matchers/vitest.ts) and types
 * the options the plugin provides to workers. Included by `import { evalgate } from 'evalgate'`; also
 * available on its own as `evalgate/vitest` (for tsconfig `types` or a
 * `/// <reference types="evalgate/vitest" />`).
 */
import './matchers/vitest.js'
import type { ResolvedOptions } from './plugin/options.js'

export type { EvalgateMatchers, EvalgateMatchersOn } from './matchers/vitest.js'

declare module 'vitest' {
  interface ProvidedContext {
    'evalgate:options': ResolvedOptions
    'evalgate:project': { root: string; name: string }
    'evalgate:candidate': import('./compare/types.js').ProvidedCandidate
  }
}
