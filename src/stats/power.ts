/** Power analysis for the paired gate: the smallest drop a suite can reliably detect. */
import { normalQuantile, tQuantile } from './distributions.js'
import { standardDeviation } from './descriptive.js'
import { pairedDifferences } from './paired.js'
import { assertAlpha } from './validate.js'

export interface MdeOptions {
  /** Standard deviation of the per-case differences (≥ 0). */
  sdDiff: number
  /** Number of paired cases (≥ 1). */
  n: number
  /** One-sided significance level. Default 0.05. */
  alpha?: number
  /** Desired power, within (0, 1). Default 0.8. */
  power?: number
}

function assertPower(power: number, where: string): void {
  if (!(power > 0 && power < 1)) throw new RangeError(`${where}: power must be within (0, 1), got ${power}`)
}

/**
 * Minimum detectable effect of a one-sided paired test (normal approximation):
 * MDE = (z(1 − α) + z(power)) · sdDiff / √n. Example: sdDiff = 0.4, n = 200, α = 0.05, power 0.8 →
 * (1.6449 + 0.8416) · 0.4 / 14.142 = 0.0703, i.e. about a 7-point drop.
 */
export function minimumDetectableEffect({ sdDiff, n, alpha = 0.05, power = 0.8 }: MdeOptions): number {
  assertAlpha(alpha, 'minimumDetectableEffect')
  assertPower(power, 'minimumDetectableEffect')
  if (!(sdDiff >= 0 && Number.isFinite(sdDiff))) throw new RangeError(`minimumDetectableEffect: sdDiff must be finite and >= 0, got ${sdDiff}`)
  if (!(n >= 1 && Number.isFinite(n))) throw new RangeError(`minimumDetectableEffect: n must be >= 1, got ${n}`)
  return ((normalQuantile(1 - alpha) + normalQuantile(power)) * sdDiff) / Math.sqrt(n)
}

/**
 * MDE estimated from paired data, with sdDiff the sample sd of candidate − baseline. Returns null
 * when n < 2 (no sd can be estimated). Note: when all differences are equal the sd is 0 and so is
 * the MDE — the data show no noise, which small suites may understate.
 */
export function estimateMde(
  baseline: readonly number[],
  candidate: readonly number[],
  options: { alpha?: number; power?: number } = {},
): number | null {
  const d = pairedDifferences(baseline, candidate, 'estimateMde')
  if (d.length < 2) return null
  return minimumDetectableEffect({ sdDiff: standardDeviation(d), n: d.length, ...options })
}

/**
 * Paired cases needed to detect a drop of `effect` (> 0) with the given power:
 * n = ⌈((z(1 − α) + z(power)) · sdDiff / effect)²⌉, at least 2.
 */
export function requiredSampleSize({ sdDiff, effect, alpha = 0.05, power = 0.8 }: { sdDiff: number; effect: number; alpha?: number; power?: number }): number {
  assertAlpha(alpha, 'requiredSampleSize')
  assertPower(power, 'requiredSampleSize')
  if (!(effect > 0 && Number.isFinite(effect))) throw new RangeError(`requiredSampleSize: effect must be finite and > 0, got ${effect}`)
  if (!(sdDiff >= 0 && Number.isFinite(sdDiff))) throw new RangeError(`requiredSampleSize: sdDiff must be finite and >= 0, got ${sdDiff}`)
  const root = ((normalQuantile(1 - alpha) + normalQuantile(power)) * sdDiff) / effect
  return Math.max(2, Math.ceil(root * root - 1e-9))
}

/**
 * The drop a one-sided gate flags with probability `power` (default 0.8), given the SE of the mean
 * difference and its df: the verdict needs both U < 0 (d̄ < −t(1 − α, df)·SE) and d̄ < −margin, so
 * MDE = max(margin, t(1 − α, df)·SE) + t(power, df)·SE. Pass the Holm-adjusted α (α / family size).
 * Example: SE = 0.02, df = 199, α = 0.05, margin 0.02 → 1.6525·0.02 + 0.8434·0.02 = 0.0499.
 */
export function honestMde({ se, df, alpha = 0.05, power = 0.8, margin = 0 }: { se: number; df: number; alpha?: number; power?: number; margin?: number }): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`honestMde: alpha must be within (0, 1), got ${alpha}`)
  assertPower(power, 'honestMde')
  if (!(se >= 0 && Number.isFinite(se))) throw new RangeError(`honestMde: se must be finite and >= 0, got ${se}`)
  if (!(df >= 1)) throw new RangeError(`honestMde: df must be >= 1, got ${df}`)
  return Math.max(margin, tQuantile(1 - alpha, df) * se) + tQuantile(power, df) * se
}
