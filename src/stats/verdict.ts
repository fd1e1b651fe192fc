/**
 * The gate's tri-state verdict, shared by every paired test.
 *
 * - `degraded`: the drop is statistically real (the test rejects "no drop" at level α) and
 *   practically relevant (the estimated mean difference is below −margin). This fails the build.
 * - `non-inferior`: the one-sided 1 − α lower confidence bound of the mean difference is ≥ −margin,
 *   so any drop is provably no larger than the margin.
 * - `inconclusive`: neither — too few cases or too much noise to tell, or a significant drop that
 *   is still smaller than the margin but not provably so.
 *
 * The two definite verdicts exclude each other: `degraded` needs meanDiff < −margin, while
 * `non-inferior` needs lower ≥ −margin and lower ≤ meanDiff.
 */
export type Verdict = 'degraded' | 'non-inferior' | 'inconclusive'

export interface VerdictInput {
  /** Whether the one-sided test for a drop rejects at level α. */
  significant: boolean
  /** Estimated mean difference, candidate − baseline. */
  meanDiff: number
  /** One-sided 1 − α lower confidence bound of the mean difference. */
  lower: number
  /** Non-inferiority margin (≥ 0), in score units. */
  margin: number
}

/** Applies the verdict rules above. */
export function decideVerdict({ significant, meanDiff, lower, margin }: VerdictInput): Verdict {
  if (significant && meanDiff < -margin) return 'degraded'
  if (lower >= -margin) return 'non-inferior'
  return 'inconclusive'
}
