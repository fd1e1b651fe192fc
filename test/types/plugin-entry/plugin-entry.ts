/**
 * `evalgate/plugin` alone (the lean vitest.config.ts entry, no `import 'evalgate'` anywhere in this program)
 * still brings the Vitest augmentation: the matchers on `expect` and the typed `inject` keys. Both majors.
 */
import { expect, expectTypeOf, inject } from 'vitest'
import { defineConfig } from 'vitest/config'
import { evalgate, EvalgateOptionsError, type EvalgateOptions, type ResolvedOptions } from 'evalgate/plugin'

export default defineConfig({ plugins: [evalgate({ gate: { margin: 0.05 }, reporter: { json: 'report.json' } })] })

expectTypeOf(expect('{"a":1}').toMatchSchema({ type: 'object' })).toEqualTypeOf<void>()
expectTypeOf(expect('an answer').toPassRubric(['is polite'])).toEqualTypeOf<Promise<void>>()
expectTypeOf(inject('evalgate:options')).toEqualTypeOf<ResolvedOptions>()
expectTypeOf<EvalgateOptions['gate']>().not.toBeAny()
expectTypeOf(new EvalgateOptionsError('x')).toMatchTypeOf<Error>()
// @ts-expect-error: unknown option
evalgate({ reporterr: true })
