import { currentTask, type TaskLike } from '../measure/current.js'
import { taskMeta, type MatcherRecord } from '../meta/index.js'
import { trialOf } from '../baseline/api.js'

/**
 * The part of Vitest's matcher `this` evalgate uses. Declared structurally so `evalgate/matchers` imports
 * nothing from Vitest at runtime and works with Vitest 4 and 5 alike.
 */
export interface MatcherContext {
  isNot: boolean
  promise?: string
  currentTestName?: string
  task?: Readonly<TaskLike>
  snapshotState?: { snapshotUpdateState?: string; _updateSnapshot?: string } | object
  utils: {
    matcherHint(name: string, received?: string, expected?: string, options?: { isNot?: boolean; promise?: string }): string
    printReceived(value: unknown): string
    printExpected(value: unknown): string
  }
}

/** What a matcher returns to Vitest. */
export interface MatcherResult {
  pass: boolean
  message: () => string
  actual?: unknown
  expected?: unknown
}

/** Records a matcher outcome in the running test's evalgate meta (when there is a running test). */
export function recordMatcher(ctx: MatcherContext, record: MatcherRecord): void {
  const task = (ctx.task as TaskLike | undefined) ?? currentTask()
  if (task) taskMeta(task).matchers.push({ ...record, trial: trialOf(task) })
}

/** The standard first line of a matcher message, honouring `.not` and `.resolves`/`.rejects`. */
export function hint(ctx: MatcherContext, name: string, expected = 'expected'): string {
  return ctx.utils.matcherHint(name, 'received', expected, { isNot: ctx.isNot, promise: ctx.promise })
}

/** Thrown for bad matcher arguments: an error in the test, not a failed assertion about the output. */
export class MatcherUsageError extends Error {
  override name = 'EvalgateUsageError'
}
