/** Exact one-sided McNemar (sign) test for pass/fail cases, with the gate's tri-state verdict. */
import { binomialUpperTail, normalQuantile } from './distributions.js'
import type { PairedTestOptions } from './paired.js'
import { pairedProportionBounds } from './proportions.js'
import { assertAlpha, assertMargin, assertPaired } from './validate.js'
import { decideVerdict, type Verdict } from './verdict.js'

export interface SignTestResult {
  method: 'sign'
  /** Number of pairs. */
  n: number
  /** Discordant pairs that went pass → fail (regressions). */
  b: number
  /** Discordant pairs that went fail → pass (fixes). */
  c: number
  /** Baseline pass rate (0 when n = 0). */
  baselineRate: number
  /** Candidate pass rate (0 when n = 0). */
  candidateRate: number
  /** Pass-rate difference (c − b)/n, candidate − baseline (0 when n = 0). */
  meanDiff: number
  /** Exact one-sided p = P(X ≥ b) for X ~ Binomial(b + c, 1/2); 1 when there are no discordant pairs. */
  pValue: number
  /** One-sided 1 − α lower bound of the pass-rate difference (Newcombe hybrid score, see pairedProportionBounds). */
  lower: number
  /** One-sided 1 − α upper bound of the pass-rate difference. */
  upper: number
  alpha: number
  margin: number
  verdict: Verdict
}

/**
 * Exact McNemar test on the discordant pairs: under "no change" each discordant pair is equally
 * likely to be a regression (b) or a fix (c), so p = P(X ≥ b | Binomial(b + c, 0.5)).
 *
 * Verdict ({@link decideVerdict}): `degraded` when p ≤ α and (c − b)/n < −margin; `non-inferior`
 * when the Newcombe lower bound of (c − b)/n is ≥ −margin; otherwise `inconclusive`. n = 0 is
 * `inconclusive` with bounds [−1, 1]. Example: 6 regressions, 0 fixes → p = 1/64 = 0.0156.
 */
export function signTest(baselinePass: readonly boolean[], candidatePass: readonly boolean[], options: PairedTestOptions = {}): SignTestResult {
  const { alpha = 0.05, margin = 0 } = options
  assertAlpha(alpha, 'signTest')
  assertMargin(margin, 'signTest')
  assertPaired(baselinePass, candidatePass, 'signTest')
  const n = baselinePass.length
  let bothPass = 0
  let b = 0
  let c = 0
  let bothFail = 0
  for (let i = 0; i < n; i++) {
    const before = baselinePass[i] === true
    const after = candidatePass[i] === true
    if (before && after) bothPass++
    else if (before) b++
    else if (after) c++
    else bothFail++
  }
  const base = { method: 'sign' as const, n, b, c, alpha, margin }
  if (n === 0) {
    return { ...base, baselineRate: 0, candidateRate: 0, meanDiff: 0, pValue: 1, lower: -1, upper: 1, verdict: 'inconclusive' }
  }
  const pValue = b + c === 0 ? 1 : binomialUpperTail(b, b + c, 0.5)
  const meanDiff = (c - b) / n
  const { lower, upper } = pairedProportionBounds({ bothPass, passToFail: b, failToPass: c, bothFail }, normalQuantile(1 - alpha))
  const verdict = decideVerdict({ significant: pValue <= alpha, meanDiff, lower, margin })
  return { ...base, baselineRate: (bothPass + b) / n, candidateRate: (bothPass + c) / n, meanDiff, pValue, lower, upper, verdict }
}
