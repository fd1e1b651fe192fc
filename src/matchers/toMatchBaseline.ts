import { compareCase, formatRegressions } from '../baseline/compare.js'
import { currentTask, type TaskLike, baselineTracker, optionSlice } from '../worker/context.js'
import { checkOptions } from './option-keys.js'
import { gateSlice } from '../gate/options.js'
import { hint, MatcherUsageError, recordMatcher, type MatcherContext, type MatcherResult } from './context.js'

export interface MatchBaselineOptions {
  /** Allowed drop below the baseline for this metric. Default: the plugin's `gate.tolerance`. */
  tolerance?: number
}

const NAME = 'toMatchBaseline'

/**
 * `await expect(score).toMatchBaseline('accuracy', { tolerance? })`: records `score` (in [0, 1]) as the
 * named metric of this case and compares it with the case's baseline now. Without a baseline entry the
 * score is recorded (written when the update mode allows; a missing entry fails on CI at test end).
 */
export async function toMatchBaseline(this: MatcherContext, received: unknown, metric: string, options: MatchBaselineOptions = {}): Promise<MatcherResult> {
  if (this.isNot) throw new MatcherUsageError(`${NAME}: .not is not supported (a score either holds its baseline or regresses)`)
  if (typeof metric !== 'string' || !metric || metric === 'pass') throw new MatcherUsageError(`${NAME}: give a metric name other than "pass", got ${JSON.stringify(metric)}`)
  if (typeof received !== 'number' || !(received >= 0 && received <= 1)) throw new MatcherUsageError(`${NAME}: received must be a score within [0, 1], got ${JSON.stringify(received)}`)
  checkOptions(NAME, options, ['tolerance'])
  const task = (this.task as TaskLike | undefined) ?? currentTask()
  // Settle no earlier than the next turn of the event loop, so an un-awaited call is still pending when its
  // test ends and fails it ("toMatchBaseline was not awaited") instead of slipping through.
  await new Promise<void>((resolve) => setImmediate(resolve))
  const tracker = baselineTracker()
  const found = task && tracker ? await tracker.entryFor(task as never) : undefined
  const before = found?.entry && Object.hasOwn(found.entry.scores, metric) ? found.entry.scores[metric] : undefined
  const tolerance = options.tolerance ?? optionSlice(gateSlice).tolerance
  const regressions =
    found?.entry && before !== undefined
      ? compareCase({ ...found.entry, scores: { [metric]: before } }, { ...found.entry, scores: { [metric]: received } }, { tolerance, critical: found.entry.critical ?? false })
      : []
  const state = this.snapshotState as { snapshotUpdateState?: string; _updateSnapshot?: string } | undefined
  // Under -u (update mode "all") the new score is accepted: the baseline is rewritten after the test.
  const pass = regressions.length === 0 || (state?.snapshotUpdateState ?? state?._updateSnapshot) === 'all'
  recordMatcher(this, { matcher: NAME, metric, pass, score: received, details: { baselineChecked: before !== undefined, baseline: before ?? null } })
  return {
    pass,
    message: () =>
      `${hint(this, NAME, 'metric')}\n\n` +
      (pass
        ? `${metric}: ${received.toFixed(2)} holds its baseline ${before === undefined ? '(none yet)' : before.toFixed(2)}`
        : `Snapshot \`${found?.key}\` mismatched: ${formatRegressions(regressions).join('; ')} (baseline in ${found?.path})\nIf the change is intended, accept it with \`vitest run -u\`.`),
    actual: received,
    expected: before,
  }
}
