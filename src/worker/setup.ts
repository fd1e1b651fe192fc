/**
 * evalgate's worker setup file: the plugin adds it to every project's `setupFiles`. It registers the
 * matchers, receives the plugin options, and tracks the running test so measured calls made anywhere in
 * a test (also in concurrent tests) land in that test's meta.
 */
import * as vitest from 'vitest'
import { lazyMatchers } from '../matchers/lazy.js'
import { runWithTask, setFallbackTaskResolver, type TaskLike, setRuntimeOptions, setBaselineTracker } from './context.js'
import { resolveOptions } from '../plugin/options.js'
import '../vitest.js'
import { BaselineTracker, type UpdateMode } from './baseline.js'
import { annotateCase } from './annotate.js'
import { readMeta, type EvalgateTaskMeta } from '../meta/index.js'
import { compactCalls } from '../meta/compact.js'
import { clearPendingMatchers, notAwaitedMessage, pendingMatchers, trackingMatchers } from '../matchers/pending.js'

// The judge, embeddings and baseline matchers load their code on first use (matchers/lazy.ts).
vitest.expect.extend(trackingMatchers(lazyMatchers))
const options = vitest.inject('evalgate:options') ?? resolveOptions({})
setRuntimeOptions(options)

/** Vitest's snapshot update mode right now (read per assertion: watch-mode `u` changes it). */
function updateMode(): UpdateMode {
  const state = vitest.expect.getState().snapshotState as unknown as { snapshotUpdateState?: UpdateMode; _updateSnapshot?: UpdateMode } | undefined
  return state?.snapshotUpdateState ?? state?._updateSnapshot ?? (process.env.CI ? 'none' : 'new')
}

const project = vitest.inject('evalgate:project') ?? { root: process.cwd(), name: '' }
const tracker = new BaselineTracker(options, project, updateMode)
setBaselineTracker(tracker)
/** Annotations cost an RPC a test: by default only failed or regressed cases get one. */
function wantsAnnotation(task: { meta: object; result?: { errors?: unknown[] } }): boolean {
  const mode = options.reporter.annotations
  if (mode === 'all') return true
  if (mode === 'off') return false
  const status = readMeta(task.meta)?.baseline?.status
  return !!task.result?.errors?.length || status === 'regressed' || status === 'missing'
}

// The evalgate annotation (numbers shown in @vitest/ui and the HTML report) follows the baseline check.
vitest.afterEach(async ({ task, annotate }) => {
  try {
    // A matcher still pending now was not awaited: the test fails and its baseline is not written.
    const late = pendingMatchers(task)
    clearPendingMatchers(task)
    if (late.length) throw new Error(notAwaitedMessage(late))
    await tracker.afterEach(task as never)
  } finally {
    try {
      if (wantsAnnotation(task)) await annotateCase({ task, annotate } as never)
    } finally {
      // Last: the test's meta keeps a summary of a long call list, not every call (the reporter unpacks it).
      const raw = (task.meta as Record<string, unknown>)['evalgate'] as EvalgateTaskMeta | undefined
      if (raw && Array.isArray(raw.calls) && (task.repeats ?? 0) <= (task.result?.repeatCount ?? 0)) compactCalls(raw)
    }
  }
})

// Vitest 4.1+ passes (context, suite), older versions (suite): declare no parameters so the fixture parser
// has nothing to complain about, and pick the file suite from the arguments.
vitest.afterAll(function () {
  // eslint-disable-next-line prefer-rest-params
  const suite = [...arguments].find((a: unknown) => typeof a === 'object' && a !== null && 'tasks' in a)
  return suite ? tracker.afterFile(suite as never) : undefined
})

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
