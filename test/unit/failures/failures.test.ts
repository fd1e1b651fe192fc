import { describe, expect, it } from 'vitest'
import { countFailures, failureRateGate, parseRateKey, recordFailure, type FailureCaseInput } from '../../../src/failures/index.js'
import type { MatcherRecord } from '../../../src/meta/index.js'

const rec = (matcher: string, pass: boolean, details?: Record<string, unknown>): MatcherRecord => ({ matcher, pass, ...(details ? { details } : {}) })
const test = (name: string, matchers: MatcherRecord[], extra: Partial<FailureCaseInput['meta']> = {}): FailureCaseInput => ({ name, state: 'passed', meta: { calls: [], matchers, ...extra } })

/** n cases of which k failed `toMatchSchema` (kind format), in `category`. */
function cases(n: number, k: number, category?: string): FailureCaseInput[] {
  return Array.from({ length: n }, (_, i) => test(`c${i}`, [rec('toMatchSchema', i >= k)], category ? { case: { category } } : {}))
}

describe('classification', () => {
  it('maps failed records of built-in matchers to their kind; passes and faults', () => {
    expect(recordFailure(rec('toMatchSchema', true))).toBeNull()
    expect(recordFailure(rec('toMatchSchema', false))?.kind).toBe('format')
    expect(recordFailure(rec('toMatchLabel', false))?.kind).toBe('wrong')
    expect(recordFailure(rec('toCallTool', false))?.kind).toBe('tool')
    expect(recordFailure(rec('toRefuse', false, { refused: true }))?.kind).toBe('refusal')
    expect(recordFailure(rec('toRefuse', false, { refused: false }))?.kind).toBe('wrong')
    expect(recordFailure(rec('toPassRubric', false, { fault: { kind: 'unparsable' } }))).toMatchObject({ kind: 'error', subKind: 'unparsable' })
    expect(recordFailure(rec('toBeGrounded', false, { failure: { kind: 'hallucination', severity: 'catastrophic' } }))).toMatchObject({ kind: 'hallucination', severity: 'catastrophic' })
  })

  it('counts cases, not trials; per category; severity distribution with P99', () => {
    const tests = [
      test('a', [rec('toMatchSchema', false), { ...rec('toMatchSchema', false), trial: 1 }], { case: { category: 'billing' } }),
      test('b', [rec('toMatchSchema', true)], { case: { category: 'billing' }, failures: [{ kind: 'hallucination', severity: 'catastrophic', source: 'user' }] }),
      test('c', [rec('toMatchSchema', true)], { calls: [{ ok: false, error: { kind: 'timeout', message: 't' } } as never] }),
      ...cases(97, 0),
    ]
    const c = countFailures(tests)
    expect(c.n).toBe(100)
    expect(c.byKind.format).toMatchObject({ cases: 1, rate: 0.01 })
    expect(c.byKind.hallucination?.cases).toBe(1)
    expect(c.byKind.error).toMatchObject({ cases: 1, bySubKind: { timeout: 1 } })
    expect(c.byCategory.billing).toEqual({ n: 2, byKind: { format: 1, hallucination: 1 } })
    expect(c.severity).toEqual({ minor: 0, major: 2, catastrophic: 1 })
    // 97 of 100 ranks are 0; rank ceil(0.99 · 100) = 99 of [0 ×97, 2, 2, 3] is 2 = major.
    expect(c.p99Severity).toBe('major')
  })
})

describe('failure-rate gate (hand-computed, R binom.test reference values)', () => {
  it('7 of 600 at 0.5 % is above (exact p 0.0331); 6 of 600 is inconclusive and prints n needed (2366)', () => {
    const above = failureRateGate(countFailures(cases(600, 7)), { format: { max: 0.005 } }, 0.05)
    expect(above.results[0]?.verdict).toBe('above')
    expect(above.results[0]?.pValue).toBeCloseTo(0.0331, 3)
    expect(above.reasons[0]).toMatch(/^gate\.failureRates: format 7\/600 = 1\.2 % is above the 0\.50 % limit \(exact p 0\.033\)/)
    const inc = failureRateGate(countFailures(cases(600, 6)), { format: { max: 0.005 } }, 0.05)
    expect(inc.results[0]).toMatchObject({ verdict: 'inconclusive', casesNeeded: 2366, zeroFailureCasesNeeded: 598 })
    expect(inc.results[0]?.pValue).toBeCloseTo(0.0834, 3)
    expect(inc.reasons).toEqual([])
  })

  it('0 of 598 shows the rate below 0.5 %; 0 of 597 does not', () => {
    expect(failureRateGate(countFailures(cases(598, 0)), { format: { max: 0.005 } }, 0.05).results[0]?.verdict).toBe('below')
    expect(failureRateGate(countFailures(cases(597, 0)), { format: { max: 0.005 } }, 0.05).results[0]?.verdict).toBe('inconclusive')
  })

  it('kind@category counts that category (and its sub-categories); unknown category is a config error', () => {
    // 300 cases at 2 %: 11 failures → P(X ≥ 11 | 300, 0.02) = 0.0412 ≤ 0.05 (above); 10 → 0.0837.
    const tests = [...cases(300, 11, 'adversarial/leakage'), ...cases(300, 0, 'other')]
    const g = failureRateGate(countFailures(tests), { 'format@adversarial': { max: 0.02 } }, 0.05)
    expect(g.results[0]).toMatchObject({ key: 'format@adversarial', failures: 11, n: 300, verdict: 'above' })
    expect(g.results[0]?.pValue).toBeCloseTo(0.0412, 3)
    expect(failureRateGate(countFailures([...cases(300, 10, 'a/b')]), { 'format@a': { max: 0.02 } }, 0.05).results[0]?.verdict).toBe('inconclusive')
    expect(failureRateGate(countFailures(tests), { 'format@nope': { max: 0.02 } }, 0.05).reasons[0]).toMatch(/names category "nope"/)
    expect(() => parseRateKey('oops')).toThrow(/unknown failure kind "oops"/)
  })

  it('Holm across keys: two keys at p 0.033 each do not both fail at α 0.05', () => {
    const tests = [...cases(600, 7, 'x'), ...cases(600, 7, 'y')]
    const g = failureRateGate(countFailures(tests), { 'format@x': { max: 0.005 }, 'format@y': { max: 0.005 } }, 0.05)
    expect(g.results.map((r) => r.pValueAdjusted)).toEqual([expect.closeTo(0.0662, 3), expect.closeTo(0.0662, 3)])
    expect(g.reasons).toEqual([])
  })

  it('size at the limit is at most α (exact: sum of binomial tail over rejected counts)', () => {
    // Rejection region at n = 600, limit 0.005 is k ≥ 7: its probability under rate = limit is 0.0331 ≤ 0.05.
    const region = [...Array(601).keys()].filter((k) => failureRateGate(countFailures(cases(600, k)), { format: { max: 0.005 } }, 0.05).results[0]?.verdict === 'above')
    expect(region[0]).toBe(7)
  })
})

describe('prompt-token buckets', async () => {
  const { bucketOf, scoresByLength } = await import('../../../src/failures/length.js')
  it('powers of two, unknown last', () => {
    expect([0, 127, 128, 255, 256, 5000].map((n) => bucketOf(n).bucket)).toEqual(['<128', '<128', '128–255', '128–255', '256–511', '4096–8191'])
    const call = (promptTokens: number | null) => ({ kind: 'chat', promptTokens }) as never
    const rows = scoresByLength([
      { state: 'passed', meta: { calls: [call(100)], matchers: [{ matcher: 'x', pass: true, score: 1 }] } },
      { state: 'failed', meta: { calls: [call(300), call(500)], matchers: [{ matcher: 'x', pass: false, score: 0.5 }] } },
      { state: 'passed', meta: { calls: [], matchers: [] } },
    ])
    expect(rows).toEqual([
      { bucket: '<128', lower: 0, n: 1, passRate: 1, meanScore: 1 },
      { bucket: '256–511', lower: 256, n: 1, passRate: 0, meanScore: 0.5 },
      { bucket: 'unknown', lower: -1, n: 1, passRate: 1, meanScore: null },
    ])
  })
})

describe('claims of toBeGrounded', async () => {
  const { splitClaims, labelClaims, claimCriterion } = await import('../../../src/failures/claims.js')
  it('splits sentences and lines, drops empty ones; criteria never contain the output', () => {
    expect(splitClaims('Refunds take 5 days. Orders ship from Leeds!\n\n- Call us?  ...')).toEqual(['Refunds take 5 days.', 'Orders ship from Leeds!', '- Call us?'])
    expect(labelClaims(['a.', 'b.'])).toBe('[S1] a.\n[S2] b.')
    expect(claimCriterion(1)).toMatch(/^Claim \[S2\] of the OUTPUT is fully supported by the CONTEXT/)
  })
})

describe('false alarms of gate.failureRates (rule 2): seeded simulation at the limits', async () => {
  const { createRng } = await import('../../../src/stats/rng.js')
  it('3 keys, each rate exactly at its limit, n = 300: the run fails in ≤ α of 4000 seeded runs', () => {
    const rng = createRng('failure-rates-size')
    const limits = { format: { max: 0.02 }, refusal: { max: 0.05 }, hallucination: { max: 0.01 } }
    let alarms = 0
    const runs = 4000
    for (let r = 0; r < runs; r++) {
      const byKind: Record<string, { cases: number; rate: number; bySubKind: Record<string, number> }> = {}
      for (const [kind, { max }] of Object.entries(limits)) {
        let k = 0
        for (let i = 0; i < 300; i++) if (rng() < max) k++
        byKind[kind] = { cases: k, rate: k / 300, bySubKind: {} }
      }
      const counts = { n: 300, failedCases: 0, byKind, byCategory: {}, severity: { minor: 0, major: 0, catastrophic: 0 }, p99Severity: 'none' as const }
      if (failureRateGate(counts, limits, 0.05).reasons.length) alarms++
    }
    // Exact test + Holm: family-wise size ≤ 0.05 (the discreteness makes it smaller); 3 SE of slack at 4000 runs.
    expect(alarms / runs).toBeLessThanOrEqual(0.05 + 3 * Math.sqrt(0.05 * 0.95 / runs))
    expect(alarms).toBeGreaterThan(0)
  })
})
