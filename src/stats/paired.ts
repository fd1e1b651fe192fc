/** Paired t-test for a drop in mean score, with the gate's tri-state verdict. */
import { mean, range, standardDeviation } from './descriptive.js'
import { tCdf, tQuantile } from './distributions.js'
import { assertAlpha, assertFinite, assertMargin, assertPaired } from './validate.js'
import { decideVerdict, type Verdict } from './verdict.js'

/** Options shared by the paired tests. */
export interface PairedTestOptions {
  /** One-sided significance level, within (0, 0.5). Default 0.05. */
  alpha?: number
  /** Non-inferiority margin in score units (0.02 = 2 points), ≥ 0. Default 0. */
  margin?: number
  /**
   * Cluster label of each pair (same order), for cases sharing run-level noise: the SE becomes
   * cluster-robust, Var(d̄) = C/(C−1) · Σ_g S_g² / n² with S_g = Σ_{i∈g}(d_i − d̄), and t has C − 1 df.
   * Pairs without a label (undefined) are clusters of their own. Omitted = independent pairs.
   */
  clusters?: ReadonlyArray<string | undefined>
}

/**
 * Cluster-robust standard error of the mean of `d` and its degrees of freedom (C − 1), or null when
 * fewer than 2 clusters. Unlabelled pairs form singleton clusters.
 */
export function clusteredSe(d: readonly number[], clusters: ReadonlyArray<string | undefined>): { se: number; df: number; clusters: number } | null {
  const n = d.length
  const m = mean(d)
  const sums = new Map<string, number>()
  d.forEach((x, i) => {
    const label = clusters[i]
    const key = label === undefined ? `\u0000${i}` : `c:${label}`
    sums.set(key, (sums.get(key) ?? 0) + (x - m))
  })
  const c = sums.size
  if (c < 2) return null
  let ss = 0
  for (const s of sums.values()) ss += s * s
  return { se: Math.sqrt((c / (c - 1)) * ss) / n, df: c - 1, clusters: c }
}

export interface PairedTTestResult {
  method: 't'
  /** Number of pairs. */
  n: number
  /** Mean of d_i = candidate_i − baseline_i (0 when n = 0). */
  meanDiff: number
  /** Sample sd of the differences (n − 1); 0 when n < 2 or all differences are equal. */
  sdDiff: number
  /** Standard error sdDiff/√n; Infinity when n < 2 (no variance estimate), 0 when all d_i are equal. */
  se: number
  /** Degrees of freedom, n − 1 (C − 1 with clusters; 0 when n < 2). */
  df: number
  /** Number of clusters when clusters were given (the SE is then cluster-robust). */
  clusters?: number
  /** meanDiff/se; ±Infinity when se = 0 and meanDiff ≠ 0, 0 when meanDiff = 0 or n < 2. */
  tStat: number
  /** One-sided p-value for H1: mean difference < 0. */
  pValue: number
  /** One-sided 1 − α lower bound L = d̄ − t(1 − α, n − 1)·se; −Infinity when n < 2. */
  lower: number
  /** One-sided 1 − α upper bound U = d̄ + t(1 − α, n − 1)·se; Infinity when n < 2. */
  upper: number
  alpha: number
  margin: number
  verdict: Verdict
}

/** Differences below this spread count as "all equal" (floating-point noise, not variance). */
const EQUAL_TOLERANCE = 1e-12

/**
 * d_i = candidate_i − baseline_i, checking that the samples pair up and are finite. Differences
 * within 1e-12 of zero are floating-point noise (0.1 + 0.2 vs 0.3) and are returned as exactly 0.
 */
export function pairedDifferences(baseline: readonly number[], candidate: readonly number[], where = 'pairedDifferences'): number[] {
  assertPaired(baseline, candidate, where)
  assertFinite(baseline, where)
  assertFinite(candidate, where)
  return candidate.map((c, i) => {
    const d = c - (baseline[i] as number)
    return Math.abs(d) <= EQUAL_TOLERANCE ? 0 : d
  })
}

/**
 * One-sided paired t-test for a degradation of candidate vs baseline.
 *
 * Significance is U < 0 (equivalently p < α); the verdict follows {@link decideVerdict}: `degraded`
 * when U < 0 and d̄ < −margin, `non-inferior` when L ≥ −margin, otherwise `inconclusive`.
 *
 * Small samples: n < 2 gives no variance estimate, so the result is always `inconclusive`
 * (p = 1, bounds ±Infinity) — one case cannot speak for a suite. When all differences are equal
 * (sd = 0, n ≥ 2) the answer is exact: L = U = d̄, p = 0 if d̄ < 0 else 1, so identical runs are
 * `non-inferior` and a uniform drop larger than the margin is `degraded`.
 */
export function pairedTTest(baseline: readonly number[], candidate: readonly number[], options: PairedTestOptions = {}): PairedTTestResult {
  const { alpha = 0.05, margin = 0 } = options
  assertAlpha(alpha, 'pairedTTest')
  assertMargin(margin, 'pairedTTest')
  const d = pairedDifferences(baseline, candidate, 'pairedTTest')
  const n = d.length
  const base = { method: 't' as const, n, alpha, margin }
  if (n < 2) {
    const meanDiff = n === 1 ? (d[0] as number) : 0
    return { ...base, meanDiff, sdDiff: 0, se: Infinity, df: 0, tStat: 0, pValue: 1, lower: -Infinity, upper: Infinity, verdict: 'inconclusive' }
  }
  const meanDiff = mean(d)
  if (range(d) <= EQUAL_TOLERANCE) {
    const df = n - 1
    const tStat = meanDiff === 0 ? 0 : meanDiff < 0 ? -Infinity : Infinity
    const pValue = meanDiff < 0 ? 0 : 1
    const verdict = decideVerdict({ significant: meanDiff < 0, meanDiff, lower: meanDiff, margin })
    return { ...base, meanDiff, sdDiff: 0, se: 0, df, tStat, pValue, lower: meanDiff, upper: meanDiff, verdict }
  }
  const sdDiff = standardDeviation(d)
  const clustered = options.clusters ? clusteredSe(d, options.clusters) : null
  if (options.clusters && !clustered) {
    // One cluster: no between-cluster variance can be estimated.
    return { ...base, meanDiff, sdDiff, se: Infinity, df: 0, clusters: 1, tStat: 0, pValue: 1, lower: -Infinity, upper: Infinity, verdict: 'inconclusive' }
  }
  const se = clustered ? clustered.se : sdDiff / Math.sqrt(n)
  const df = clustered ? clustered.df : n - 1
  if (!(se > 0)) {
    const pValue = meanDiff < 0 ? 0 : 1
    const verdict = decideVerdict({ significant: meanDiff < 0, meanDiff, lower: meanDiff, margin })
    return { ...base, meanDiff, sdDiff, se: 0, df, ...(clustered ? { clusters: clustered.clusters } : {}), tStat: meanDiff === 0 ? 0 : meanDiff < 0 ? -Infinity : Infinity, pValue, lower: meanDiff, upper: meanDiff, verdict }
  }
  const tStat = meanDiff / se
  const pValue = tCdf(tStat, df)
  const half = tQuantile(1 - alpha, df) * se
  const lower = meanDiff - half
  const upper = meanDiff + half
  const verdict = decideVerdict({ significant: upper < 0, meanDiff, lower, margin })
  return { ...base, meanDiff, sdDiff, se, df, ...(clustered ? { clusters: clustered.clusters } : {}), tStat, pValue, lower, upper, verdict }
}
