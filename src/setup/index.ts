/**
 * evalgate's worker setup file: the plugin adds it to every project's `setupFiles`. It registers the
 * matchers, receives the plugin options, and tracks the running test so measured calls made anywhere in
 * a test (also in concurrent tests) land in that test's meta.
 */
import * as vitest from 'vitest'
import { matchers } from '../matchers/index.js'
import { runWithTask, setFallbackTaskResolver, type TaskLike } from '../measure/current.js'
import { setRuntimeOptions } from '../runtime/options.js'
import { resolveOptions } from '../plugin/options.js'
import '../vitest.js'

vitest.expect.extend(matchers)
setRuntimeOptions(vitest.inject('evalgate:options') ?? resolveOptions({}))

// aroundEach (Vitest 4.1+) runs each test inside an async context that carries its task; older runners
// fall back to the last test started (right for sequential tests).
const api = vitest as unknown as {
  aroundEach?: (fn: (run: () => Promise<void>, ctx: { task: TaskLike }) => Promise<void>) => void
  beforeEach: (fn: (ctx: { task: TaskLike }) => void) => void
}
if (typeof api.aroundEach === 'function') {
  api.aroundEach((run, ctx) => runWithTask(ctx.task, run))
} else {
  let last: TaskLike | undefined
  api.beforeEach((ctx) => void (last = ctx.task))
  setFallbackTaskResolver(() => last)
}
