/**
 * Exact binomial inference for rare failures: Clopper–Pearson bounds on a failure rate, the exact
 * one-sided test "the rate is significantly above a limit", and the sample size a zero-failure (or
 * k-failure) run needs before its upper bound falls under a limit. Pure, dependency-free.
 *
 * Conventions: `confidence` is the coverage of the interval or one-sided bound (default 0.95).
 * A two-sided interval puts (1 − confidence)/2 in each tail; a one-sided bound puts 1 − confidence
 * in its single tail. Bounds are Beta quantiles: lower = B⁻¹(α; k, n − k + 1), upper = B⁻¹(1 − α;
 * k + 1, n − k), with lower = 0 at k = 0 and upper = 1 at k = n.
 */
import { betaQuantile } from './beta-quantile.js'
import { regularizedBeta } from './special.js'

/** An interval on a proportion. */
export interface RateBounds {
  /** k / n. */
  rate: number
  lower: number
  upper: number
  /** The coverage the bounds were computed for. */
  confidence: number
}

function assertCounts(k: number, n: number, where: string): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${where}: n must be an integer >= 1, got ${n}`)
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`${where}: k must be an integer within 0..n (n = ${n}), got ${k}`)
}

function assertConfidence(confidence: number, where: string): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`${where}: confidence must be within (0, 1), got ${confidence}`)
}

function assertLimit(limit: number, where: string): void {
  if (!(limit > 0 && limit < 1)) throw new RangeError(`${where}: limit must be within (0, 1), got ${limit}`)
}

/** Lower bound with tail probability `tail` (0 when k = 0). */
function lowerBound(k: number, n: number, tail: number): number {
  return k === 0 ? 0 : betaQuantile(tail, k, n - k + 1)
}

/** Upper bound with tail probability `tail` (1 when k = n). */
function upperBound(k: number, n: number, tail: number): number {
  return k === n ? 1 : betaQuantile(1 - tail, k + 1, n - k)
}

/**
 * Two-sided exact (Clopper–Pearson) interval for k events in n trials, as R's `binom.test(k, n)`.
 * Example: clopperPearson(5, 20) = [0.0865715, 0.4910459].
 */
export function clopperPearson(k: number, n: number, confidence = 0.95): RateBounds {
  assertCounts(k, n, 'clopperPearson')
  assertConfidence(confidence, 'clopperPearson')
  const tail = (1 - confidence) / 2
  return { rate: k / n, lower: lowerBound(k, n, tail), upper: upperBound(k, n, tail), confidence }
}

/**
 * One-sided exact upper bound: the largest rate p with P(X ≤ k | n, p) ≥ 1 − confidence, as R's
 * `binom.test(k, n, alternative = "less")`. With k = 0 it is 1 − (1 − confidence)^(1/n).
 */
export function clopperPearsonUpper(k: number, n: number, confidence = 0.95): number {
  assertCounts(k, n, 'clopperPearsonUpper')
  assertConfidence(confidence, 'clopperPearsonUpper')
  if (k === 0) return -Math.expm1(Math.log1p(-confidence) / n) // exact closed form, no cancellation
  return upperBound(k, n, 1 - confidence)
}

/** One-sided exact lower bound, as R's `binom.test(k, n, alternative = "greater")`. With k = n it is (1 − confidence)^(1/n). */
export function clopperPearsonLower(k: number, n: number, confidence = 0.95): number {
  assertCounts(k, n, 'clopperPearsonLower')
  assertConfidence(confidence, 'clopperPearsonLower')
  return lowerBound(k, n, 1 - confidence)
}

/**
 * Exact upper tail P(X ≥ k) for X ~ Binomial(n, p), via the identity P(X ≥ k) = I_p(k, n − k + 1)
 * (no summation, so n in the millions costs the same as n = 10). k ≤ 0 gives 1, k > n gives 0.
 */
export function binomialTailAtLeast(k: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomialTailAtLeast: n must be a non-negative integer, got ${n}`)
  if (!Number.isInteger(k)) throw new RangeError(`binomialTailAtLeast: k must be an integer, got ${k}`)
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`binomialTailAtLeast: p must be within 0..1, got ${p}`)
  if (k <= 0) return 1
  if (k > n) return 0
  if (p === 0) return 0
  if (p === 1) return 1
  return regularizedBeta(p, k, n - k + 1)
}

/** What {@link testRateAboveLimit} found. */
export interface RateLimitTest {
  failures: number
  n: number
  rate: number
  limit: number
  /** Exact one-sided p-value P(X ≥ failures | n, limit): small means the rate is above the limit. */
  pValue: number
  alpha: number
  /** pValue ≤ alpha: the failure rate is significantly above the limit. */
  above: boolean
  /** One-sided (1 − alpha) upper bound on the rate. */
  upper: number
  /** upper < limit: the data show the rate is below the limit. */
  below: boolean
  /**
   * `above`: fail; `below`: shown to hold; `inconclusive`: neither (too few cases to show the rate is
   * under the limit, yet not significantly above it).
   */
  verdict: 'above' | 'below' | 'inconclusive'
  /** Cases needed with the observed failure count for the upper bound to fall under the limit (null when it never can). */
  casesNeeded: number | null
  /** Cases needed with 0 failures for the upper bound to fall under the limit (598 for 0.005 at 95%). */
  zeroFailureCasesNeeded: number
}

/**
 * The exact one-sided test of H0: rate ≤ limit against H1: rate > limit, at level alpha (default
 * 0.05): above when P(X ≥ k | n, limit) ≤ alpha. Also reports whether the (1 − alpha) upper bound is
 * under the limit, and how many cases would be needed to show that.
 * Examples at limit 0.005: 7 failures in 600 → pValue ≈ 0.0331, above; 6 in 600 → pValue ≈ 0.0834,
 * inconclusive (the 95% upper bound is 0.0196; 2366 cases with 6 failures would show it below).
 */
export function testRateAboveLimit(failures: number, n: number, limit: number, alpha = 0.05): RateLimitTest {
  assertCounts(failures, n, 'testRateAboveLimit')
  assertLimit(limit, 'testRateAboveLimit')
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`testRateAboveLimit: alpha must be within (0, 0.5), got ${alpha}`)
  const pValue = binomialTailAtLeast(failures, n, limit)
  const upper = clopperPearsonUpper(failures, n, 1 - alpha)
  const above = pValue <= alpha
  const below = upper < limit
  return {
    failures,
    n,
    rate: failures / n,
    limit,
    pValue,
    alpha,
    above,
    upper,
    below,
    verdict: above ? 'above' : below ? 'below' : 'inconclusive',
    casesNeeded: casesForUpperBound(limit, { failures, confidence: 1 - alpha }),
    zeroFailureCasesNeeded: zeroFailureCases(limit, 1 - alpha),
  }
}

/**
 * The smallest n for which 0 failures in n cases give a one-sided upper bound strictly under
 * `limit`: n > ln(1 − confidence) / ln(1 − limit). zeroFailureCases(0.005) = 598 ("rule of three": ≈ 3/limit).
 */
export function zeroFailureCases(limit: number, confidence = 0.95): number {
  assertLimit(limit, 'zeroFailureCases')
  assertConfidence(confidence, 'zeroFailureCases')
  let n = Math.max(1, Math.ceil(Math.log1p(-confidence) / Math.log1p(-limit)))
  // The closed form is checked against the bound itself (rounding at exact ties).
  while (clopperPearsonUpper(0, n, confidence) >= limit) n++
  while (n > 1 && clopperPearsonUpper(0, n - 1, confidence) < limit) n--
  return n
}

/**
 * The smallest n ≥ failures + 1 for which `failures` failures in n cases give a one-sided upper
 * bound strictly under `limit` (the bound falls as n grows with the count fixed). Returns null when
 * n would exceed `maxN` (default 1e9).
 */
export function casesForUpperBound(limit: number, options: { failures?: number; confidence?: number; maxN?: number } = {}): number | null {
  const { failures = 0, confidence = 0.95, maxN = 1e9 } = options
  assertLimit(limit, 'casesForUpperBound')
  assertConfidence(confidence, 'casesForUpperBound')
  if (!Number.isInteger(failures) || failures < 0) throw new RangeError(`casesForUpperBound: failures must be an integer >= 0, got ${failures}`)
  if (failures === 0) {
    const n = zeroFailureCases(limit, confidence)
    return n <= maxN ? n : null
  }
  const ok = (n: number): boolean => clopperPearsonUpper(failures, n, confidence) < limit
  let lo = failures // bound(failures, failures) = 1: never under the limit
  let hi = Math.max(failures + 1, Math.ceil(failures / limit))
  while (!ok(hi)) {
    lo = hi
    hi *= 2
    if (hi > maxN) return ok(maxN) ? bisect(lo, maxN, ok) : null
  }
  return bisect(lo, hi, ok)
}

/** Smallest integer in (lo, hi] with ok(n), given !ok(lo) and ok(hi) and ok monotone. */
function bisect(lo: number, hi: number, ok: (n: number) => boolean): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (ok(mid)) hi = mid
    else lo = mid
  }
  return hi
}
