/** Seeded percentile bootstrap of the mean paired difference, with the gate's tri-state verdict. */
import { mean } from './descriptive.js'
import { pairedDifferences, type PairedTestOptions } from './paired.js'
import { createRng } from './rng.js'
import { assertAlpha, assertMargin } from './validate.js'
import { decideVerdict, type Verdict } from './verdict.js'

export interface BootstrapOptions extends PairedTestOptions {
  /** Number of resamples (a positive integer). Default 2000. */
  resamples?: number
  /** Seed of the resampling generator; the same seed gives the same result. Default 0. */
  seed?: number | string
}

export interface BootstrapResult {
  method: 'bootstrap'
  n: number
  /** Observed mean of d_i = candidate_i − baseline_i (0 when n = 0). */
  meanDiff: number
  /** Share of resampled means ≥ 0: a one-sided bootstrap p-value for H1: mean difference < 0 (1 when n < 2). */
  pValue: number
  /** One-sided 1 − α lower bound: the ⌈α·R⌉-th smallest resampled mean (−Infinity when n < 2). */
  lower: number
  /** One-sided 1 − α upper bound: the ⌈α·R⌉-th largest resampled mean (Infinity when n < 2). */
  upper: number
  resamples: number
  seed: number | string
  alpha: number
  margin: number
  verdict: Verdict
}

/**
 * Percentile bootstrap: resample the n case differences with replacement R times (generator
 * createRng(seed)), take each resample's mean, and read the one-sided bounds off the sorted means.
 * Significance is U < 0; verdict as {@link decideVerdict}: `degraded` when U < 0 and d̄ < −margin,
 * `non-inferior` when L ≥ −margin. n < 2 is `inconclusive` (a single case resamples to itself).
 * Deterministic for a given seed; costs O(R·n).
 */
export function pairedBootstrap(baseline: readonly number[], candidate: readonly number[], options: BootstrapOptions = {}): BootstrapResult {
  const { alpha = 0.05, margin = 0, resamples = 2000, seed = 0 } = options
  assertAlpha(alpha, 'pairedBootstrap')
  assertMargin(margin, 'pairedBootstrap')
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`pairedBootstrap: resamples must be a positive integer, got ${resamples}`)
  const d = pairedDifferences(baseline, candidate, 'pairedBootstrap')
  const n = d.length
  const base = { method: 'bootstrap' as const, n, resamples, seed, alpha, margin }
  if (n < 2) {
    const meanDiff = n === 1 ? (d[0] as number) : 0
    return { ...base, meanDiff, pValue: 1, lower: -Infinity, upper: Infinity, verdict: 'inconclusive' }
  }
  const meanDiff = mean(d)
  const rng = createRng(seed)
  const means = new Float64Array(resamples)
  let atLeastZero = 0
  for (let r = 0; r < resamples; r++) {
    let sum = 0
    for (let i = 0; i < n; i++) sum += d[Math.floor(rng() * n)] as number
    const m = sum / n
    means[r] = m
    if (m >= 0) atLeastZero++
  }
  means.sort()
  // k-th smallest and k-th largest: symmetric one-sided percentile bounds.
  const k = Math.max(1, Math.ceil(alpha * resamples - 1e-9))
  const lower = means[k - 1] as number
  const upper = means[resamples - k] as number
  const verdict = decideVerdict({ significant: upper < 0, meanDiff, lower, margin })
  return { ...base, meanDiff, pValue: atLeastZero / resamples, lower, upper, verdict }
}
