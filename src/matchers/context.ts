import { currentTask, type TaskLike } from '../worker/context.js'
import { taskMeta, type MatcherRecord } from '../meta/index.js'
import { trialOf } from '../meta/record.js'
import { redactDeep } from '../util/redact.js'

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
  if (task) taskMeta(task).matchers.push(redactDeep({ ...asWritten(ctx, record), trial: trialOf(task) }))
}

/**
 * The record as the assertion is written: under `.not`, `pass` is whether the negated assertion held and
 * the score is inverted (for `expect(x).not.toRefuse()` a refusal scores 0), so a higher score is always
 * better for baselines and the gate. A fault (no verdict at all) never becomes a pass.
 */
function asWritten(ctx: MatcherContext, record: MatcherRecord): MatcherRecord {
  if (!ctx.isNot) return record
  const fault = record.details?.fault !== undefined
  return {
    ...record,
    pass: fault ? false : !record.pass,
    ...(typeof record.score === 'number' ? { score: 1 - record.score } : {}),
    details: { ...record.details, negated: true },
  }
}

/** The standard first line of a matcher message, honouring `.not` and `.resolves`/`.rejects`. */
export function hint(ctx: MatcherContext, name: string, expected = 'expected'): string {
  return ctx.utils.matcherHint(name, 'received', expected, { isNot: ctx.isNot, promise: ctx.promise })
}

export { MatcherUsageError } from '../util/errors.js'

/**
 * Thrown when a matcher has nothing sound to judge (no samples, failed calls over the limit): an error, so
 * it fails the test with or without `.not` — a fault is never a pass.
 */
export class MatcherFaultError extends Error {
  override name = 'EvalgateFaultError'
}
