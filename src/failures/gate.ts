/**
 * The failure-rate gate (`gate.failureRates`): per kind, or per kind within a category (`kind@category`),
 * a limit `{ max }` on the share of cases with that failure, pooled over the run.
 *
 * Rule (stated honestly): the run fails when the rate is **significantly above** the limit — the exact
 * one-sided binomial test P(X ≥ k | n, max) ≤ α, Holm-adjusted across the configured keys, so the
 * family-wise false-alarm rate at the limits is ≤ α. Not failing does not show the rate is below the
 * limit: that needs the one-sided (1 − α) Clopper–Pearson upper bound under `max`, and when it is not, the
 * report prints how many cases would be needed (0 failures in 598 cases for 0.5 % at 95 %).
 * A category named by a key that no case of the run has is a configuration error (a typo would gate nothing).
 */
import { holmAdjust } from '../stats/multiplicity.js'
import { testRateAboveLimit, type RateLimitTest } from '../stats/binomial.js'
import type { FailureCounts } from './count.js'
import { FAILURE_KINDS, isFailureKind, type FailureKind } from './types.js'
import { parseRateKey } from './rate-key.js'

export type FailureRateLimits = Record<string, { max: number }>

export interface FailureRateResult extends RateLimitTest {
  key: string
  kind: FailureKind
  category?: string
  /** Holm-adjusted across the keys. */
  pValueAdjusted: number
  /** Final: `above` only when the adjusted p ≤ α. */
  verdict: RateLimitTest['verdict']
}

export interface FailureRateGate {
  results: FailureRateResult[]
  /** One sentence per failing key (and per configuration error), prefixed `gate.failureRates`. */
  reasons: string[]
}

export { parseRateKey, rateKeyProblems } from './rate-key.js'

/** Cases and cases-with-kind of a category: exact name, or a parent (`adversarial` covers `adversarial/leakage`). */
function countsFor(counts: FailureCounts, kind: FailureKind, category?: string): { k: number; n: number } | null {
  if (category === undefined) return { k: counts.byKind[kind]?.cases ?? 0, n: counts.n }
  const names = Object.keys(counts.byCategory).filter((c) => c === category || c.startsWith(`${category}/`))
  if (!names.length) return null
  return names.reduce((acc, c) => ({ k: acc.k + (counts.byCategory[c]!.byKind[kind] ?? 0), n: acc.n + counts.byCategory[c]!.n }), { k: 0, n: 0 })
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)} %`
const p3 = (x: number) => (x < 0.001 ? '< 0.001' : x.toPrecision(2))

/** One sentence for a result: why it fails, or what it shows. */
export function describeRate(r: FailureRateResult): string {
  const head = `${r.key} ${r.failures}/${r.n} = ${pct(r.rate)}`
  const p = r.pValueAdjusted === r.pValue ? `exact p ${p3(r.pValue)}` : `exact p ${p3(r.pValue)}, Holm-adjusted ${p3(r.pValueAdjusted)}`
  if (r.verdict === 'above') return `${head} is above the ${pct(r.limit)} limit (${p})`
  const bound = `${Math.round((1 - r.alpha) * 100)}% upper bound ${pct(r.upper)}`
  if (r.verdict === 'below') return `${head}: below the ${pct(r.limit)} limit (${bound})`
  const need = r.failures === 0 ? `${r.zeroFailureCasesNeeded} cases are needed` : `with 0 failures ${r.zeroFailureCasesNeeded} cases are needed, with ${r.failures} failures ${r.casesNeeded ?? 'more than 10⁹'}`
  return `${head}: not significantly above the ${pct(r.limit)} limit (${p}), but n = ${r.n} cannot show it is below (${bound}): ${need}`
}

/** Evaluates every configured limit on the run's pooled counts. */
export function failureRateGate(counts: FailureCounts, limits: FailureRateLimits | undefined, alpha: number): FailureRateGate {
  const reasons: string[] = []
  const tests: Array<Omit<FailureRateResult, 'pValueAdjusted'>> = []
  for (const key of Object.keys(limits ?? {}).sort()) {
    const { kind, category } = parseRateKey(key)
    const c = countsFor(counts, kind, category)
    if (c === null) {
      reasons.push(`gate.failureRates["${key}"] names category "${category}", which no case of this run has (categories: ${Object.keys(counts.byCategory).sort().join(', ') || 'none'})`)
      continue
    }
    if (c.n === 0) continue
    tests.push({ ...testRateAboveLimit(c.k, c.n, limits![key]!.max, alpha), key, kind, ...(category !== undefined ? { category } : {}) })
  }
  const adjusted = holmAdjust(tests.map((t) => t.pValue))
  const results = tests.map((t, i): FailureRateResult => {
    const pValueAdjusted = adjusted[i] as number
    const above = pValueAdjusted <= alpha
    return { ...t, pValueAdjusted, above, verdict: above ? 'above' : t.below ? 'below' : 'inconclusive' }
  })
  for (const r of results) if (r.verdict === 'above') reasons.push(`gate.failureRates: ${describeRate(r)}`)
  return { results, reasons }
}
