/**
 * Type augmentation for Vitest 4: adds evalgate's matchers to `expect(…)` and types the options the plugin
 * provides to workers. Included by `import { evalgate } from 'evalgate'`; also available on its own as
 * `evalgate/vitest` (for tsconfig `types`).
 */
import type { EvalgateMatchers } from './matchers/types.js'
import type { ResolvedOptions } from './plugin/options.js'

export type { EvalgateMatchers }

declare module 'vitest' {
  // Vitest 4 declares `Matchers<T = any>`; the augmentation must repeat that exact signature.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends EvalgateMatchers<void, T> {}
  interface ProvidedContext {
    'evalgate:options': ResolvedOptions
  }
}
