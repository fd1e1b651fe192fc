/** Trial-to-trial consistency: how much a case's score moves when the same eval is repeated. */
import { mean, range, standardDeviation } from './descriptive.js'
import { assertFinite } from './validate.js'

export interface CaseConsistency {
  /** Number of trials of the case. */
  trials: number
  /** Mean score over the trials. */
  mean: number
  /** Sample sd over the trials (0 for a single trial). */
  sd: number
  /** max − min over the trials (0 for a single trial). */
  range: number
}

export interface ConsistencyReport {
  /** One entry per input case, in input order. */
  cases: CaseConsistency[]
  /** Cases with at least two trials: the only ones that say anything about consistency. */
  measuredCases: number
  /** Mean of the per-case range over measured cases (0 when none is measured). */
  meanRange: number
  /** Largest per-case range (0 when none is measured). */
  maxRange: number
  /** Share of measured cases whose range exceeds the threshold (0 when none is measured). */
  unstableShare: number
  threshold: number
  /** meanRange > threshold: on average a case's score moves more than `threshold` between trials. */
  unstable: boolean
}

/**
 * Per-case spread of repeated trials and a suite-level instability flag. The flag is defined on
 * the mean over cases of the per-case range (max − min): with the default threshold 0.05 the suite
 * is unstable when a case's score differs by more than 5 points between its best and worst trial
 * on average. For 0/1 scores that is "more than 5% of cases flip between trials". Cases with a
 * single trial are reported but not measured; every case needs at least one trial.
 */
export function trialConsistency(trials: readonly (readonly number[])[], options: { threshold?: number } = {}): ConsistencyReport {
  const { threshold = 0.05 } = options
  if (!(threshold >= 0 && Number.isFinite(threshold))) throw new RangeError(`trialConsistency: threshold must be finite and >= 0, got ${threshold}`)
  const cases = trials.map((scores, i) => {
    if (scores.length === 0) throw new RangeError(`trialConsistency: case #${i} has no trials`)
    assertFinite(scores, 'trialConsistency')
    return { trials: scores.length, mean: mean(scores), sd: standardDeviation(scores), range: range(scores) }
  })
  const measured = cases.filter((c) => c.trials >= 2)
  const ranges = measured.map((c) => c.range)
  const meanRange = ranges.length === 0 ? 0 : mean(ranges)
  return {
    cases,
    measuredCases: measured.length,
    meanRange,
    maxRange: ranges.reduce((a, b) => Math.max(a, b), 0),
    unstableShare: ranges.length === 0 ? 0 : ranges.filter((r) => r > threshold).length / ranges.length,
    threshold,
    unstable: meanRange > threshold,
  }
}
