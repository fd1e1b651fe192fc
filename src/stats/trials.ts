/**
 * The per-case rule for trial scores. A case is *deterministic* for a metric when every trial agrees, in
 * the baseline and now: then an exact comparison is valid. Otherwise it is *noisy*: a difference of means
 * is not evidence on its own, so non-critical noisy cases are left to the suite gate, and a critical noisy
 * case fails only when an exact one-sided permutation test on its own trials (Fisher's exact test for 0/1
 * scores) says the candidate trials are lower than the baseline trials at level α.
 */
import { createRng } from './rng.js'

/** Trial scores within this of each other count as equal. */
const AGREE = 1e-9

/** Whether the trials of one side disagree. */
export function trialsDisagree(scores: readonly number[]): boolean {
  if (scores.length < 2) return false
  let lo = Infinity
  let hi = -Infinity
  for (const s of scores) {
    lo = Math.min(lo, s)
    hi = Math.max(hi, s)
  }
  return hi - lo > AGREE
}

/** Noisy: the trials disagree in the baseline or now. */
export function isNoisyCase(baseline: readonly number[], candidate: readonly number[]): boolean {
  return trialsDisagree(baseline) || trialsDisagree(candidate)
}

/** Exact enumeration up to this many splits, seeded Monte Carlo beyond. */
const MAX_SPLITS = 200_000
const MC_DRAWS = 20_000

function choose(n: number, k: number): number {
  let r = 1
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i
  return r
}

/**
 * One-sided exact permutation p-value for "candidate trials score lower than baseline trials": the share of
 * the ways to split the pooled trials into groups of the candidate's and the baseline's size whose candidate
 * sum is ≤ the observed one. For 0/1 scores this is Fisher's exact test on (k of K) vs (k_b of K_b).
 * Example: baseline [1,1,1], candidate [0,0,0] → 1/20 = 0.05. Above 200,000 splits a seeded Monte Carlo
 * estimate (20,000 draws, seed 0) is used.
 */
export function trialDropPValue(baseline: readonly number[], candidate: readonly number[]): number {
  const pooled = [...baseline, ...candidate]
  const n = candidate.length
  const total = pooled.length
  if (n === 0 || baseline.length === 0) return 1
  const observed = candidate.reduce((a, b) => a + b, 0)
  const tol = 1e-9
  const splits = choose(total, n)
  if (splits <= MAX_SPLITS) {
    let hits = 0
    let count = 0
    const walk = (start: number, left: number, sum: number): void => {
      if (left === 0) {
        count++
        if (sum <= observed + tol) hits++
        return
      }
      for (let i = start; i <= total - left; i++) walk(i + 1, left - 1, sum + (pooled[i] as number))
    }
    walk(0, n, 0)
    return hits / count
  }
  const rng = createRng(0)
  let hits = 1
  const idx = pooled.map((_, i) => i)
  for (let d = 0; d < MC_DRAWS; d++) {
    let sum = 0
    for (let j = 0; j < n; j++) {
      const r = j + Math.floor(rng() * (total - j))
      const t = idx[j] as number
      idx[j] = idx[r] as number
      idx[r] = t
      sum += pooled[idx[j] as number] as number
    }
    if (sum <= observed + tol) hits++
  }
  return hits / (MC_DRAWS + 1)
}

/** Which per-case rule judges a case's metric, and what it found. */
export interface TrialRuleResult {
  /** `exact`: deterministic case, means compared with the tolerance; `noisy`: left to the suite gate; `trial-test`: critical noisy case, exact test on its trials. */
  rule: 'exact' | 'noisy' | 'trial-test'
  /** The trial test's one-sided p-value (only for `trial-test`). */
  pValue?: number
  /** Whether the case regressed under its rule. */
  regressed: boolean
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

/**
 * Applies the per-case rule to one metric of one case. `limit` is the tolerance of an exact comparison
 * (0 for critical cases). A noisy non-critical case never regresses here; a noisy critical case regresses
 * when its mean dropped and {@link trialDropPValue} ≤ `alpha`.
 */
export function judgeTrials(baseline: readonly number[], candidate: readonly number[], o: { critical: boolean; limit: number; alpha: number }): TrialRuleResult {
  const drop = mean(baseline) - mean(candidate)
  if (!isNoisyCase(baseline, candidate)) return { rule: 'exact', regressed: drop > o.limit + AGREE }
  if (!o.critical) return { rule: 'noisy', regressed: false }
  const pValue = trialDropPValue(baseline, candidate)
  return { rule: 'trial-test', pValue, regressed: drop > AGREE && pValue <= o.alpha + 1e-12 }
}
