import { describe, expect, it } from 'vitest'
import { gateSuite, type GateCase } from '../../../src/gate/decide.js'
import { holmAdjust } from '../../../src/stats/multiplicity.js'
import { pairedTTest } from '../../../src/stats/paired.js'
import { createRng } from '../../../src/stats/rng.js'
import { signTest } from '../../../src/stats/sign.js'

/** n cases with K trials of continuous scores; the candidate is shifted by `shift` plus noise. */
function continuousSuite(n: number, k: number, shift: number, noise: number, seed: number): GateCase[] {
  const rng = createRng(seed)
  const clamp = (x: number): number => Math.min(1, Math.max(0, x))
  return Array.from({ length: n }, (_, i) => {
    const level = 0.3 + 0.5 * rng()
    return {
      id: `c${i}`,
      baseline: Array.from({ length: k }, () => clamp(level + (rng() - 0.5) * noise)),
      candidate: Array.from({ length: k }, () => clamp(level + shift + (rng() - 0.5) * noise)),
      category: i % 2 === 0 ? 'extraction' : 'summaries',
    }
  })
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

describe('gateSuite', () => {
  it('flags a clear drop with the paired t-test on per-case trial means', () => {
    const cases = continuousSuite(80, 3, -0.1, 0.1, 1)
    const r = gateSuite({ cases })
    const base = cases.map((c) => mean(c.baseline ?? []))
    const cand = cases.map((c) => mean(c.candidate ?? []))
    const t = pairedTTest(base, cand, { alpha: 0.05, margin: 0.02 })
    expect(r).toMatchObject({ n: 80, k: 3, method: 't', verdict: 'degraded', alpha: 0.05, margin: 0.02 })
    expect(r.meanDiff).toBeCloseTo(t.meanDiff, 12)
    expect(r.ci[0]).toBeCloseTo(t.lower, 12)
    expect(r.ci[1]).toBeCloseTo(t.upper, 12)
    expect(r.pValue).toBeCloseTo(t.pValue, 12)
    expect(r.baselineMean).toBeCloseTo(mean(base), 12)
    expect(r.candidateMean).toBeCloseTo(mean(cand), 12)
    expect(r.candidateMean - r.baselineMean).toBeCloseTo(r.meanDiff, 12)
    expect(r.mde).toBeGreaterThan(0)
    expect(r.test.method).toBe('t')
  })

  it('passes an identical run as non-inferior and a noisy small one as inconclusive', () => {
    const cases = continuousSuite(10, 3, 0, 0.2, 2).map((c) => ({ ...c, candidate: c.baseline }))
    const same = gateSuite({ cases })
    expect(same).toMatchObject({ verdict: 'non-inferior', meanDiff: 0, ci: [0, 0], pValue: 1 })
    // 6 cases, trials differing by up to ±0.5, no real change → can't tell.
    expect(gateSuite({ cases: continuousSuite(6, 2, 0, 1, 3) }).verdict).toBe('inconclusive')
  })

  it("uses the exact sign test for single-trial pass/fail suites ('auto')", () => {
    // 40 cases: 30 pass/pass, 6 pass→fail, 4 fail/fail (the sign test's hand example).
    const outcomes: Array<[number, number]> = [
      ...Array.from({ length: 30 }, (): [number, number] => [1, 1]),
      ...Array.from({ length: 6 }, (): [number, number] => [1, 0]),
      ...Array.from({ length: 4 }, (): [number, number] => [0, 0]),
    ]
    const cases = outcomes.map(([b, c], i) => ({ id: `t${i}`, baseline: [b], candidate: [c], binary: true }))
    const r = gateSuite({ cases })
    const s = signTest(outcomes.map(([b]) => b === 1), outcomes.map(([, c]) => c === 1), { margin: 0.02 })
    expect(r).toMatchObject({ method: 'sign', k: 1, n: 40, verdict: 'degraded' })
    expect(r.pValue).toBeCloseTo(1 / 64, 14)
    expect(r.ci).toEqual([s.lower, s.upper])
    expect(r.baselineMean).toBeCloseTo(0.9, 14)
    expect(r.candidateMean).toBeCloseTo(0.75, 14)
    // The same data forced through the t-test.
    expect(gateSuite({ cases, options: { method: 't' } }).method).toBe('t')
    // K = 3 pass/fail trials are averaged: 'auto' picks the t-test.
    const k3 = cases.map((c) => ({ ...c, baseline: [...c.baseline, 1, 1], candidate: [...c.candidate, 1, 1] }))
    expect(gateSuite({ cases: k3 }).method).toBe('t')
    expect(() => gateSuite({ cases: k3, options: { method: 'sign' } })).toThrow(RangeError)
  })

  it('excludes cases missing a side and reports them', () => {
    const cases: GateCase[] = [
      { id: 'b', baseline: [0.5], candidate: [0.5] },
      { id: 'a', baseline: [0.7], candidate: [0.6] },
      { id: 'new', candidate: [0.9] },
      { id: 'gone', baseline: [0.9], candidate: [], critical: true },
      { id: 'void', baseline: null },
    ]
    const r = gateSuite({ cases })
    expect(r.n).toBe(2)
    expect(r.excluded).toEqual({ count: 3, noBaseline: ['new', 'void'], noCandidate: ['gone', 'void'] })
    expect(r.criticalMissing).toEqual(['gone'])
    // n = 2 with differences [−0.1, 0] → t-test on two pairs.
    expect(r.meanDiff).toBeCloseTo(-0.05, 12)
  })

  it('lists critical cases that dropped under the per-case rule (exact when deterministic, trial test when noisy)', () => {
    const cases: GateCase[] = [
      // Noisy (trials disagree): one lower trial of three is what noise does (p = 0.5), not a regression.
      { id: 'z-safety', baseline: [1, 1, 1], candidate: [1, 1, 0.9], critical: true },
      // Noisy but a real drop: 5 of 6 baseline trials right, 0 of 3 now (Fisher p = 4/84 ≤ 0.05).
      { id: 'y-tools', baseline: [1, 1, 1, 1, 1, 0], candidate: [0, 0, 0], critical: true },
      { id: 'a-refusal', baseline: [0.8, 0.9], candidate: [0.9, 0.8], critical: true }, // same mean, summed in another order
      { id: 'm-pii', baseline: [0.6], candidate: [0.5], critical: true },
      { id: 'plain', baseline: [0.9], candidate: [0.1] },
    ]
    expect(gateSuite({ cases }).criticalRegressions).toEqual(['m-pii', 'y-tools'])
  })

  it('summarises categories in sorted order with Holm-adjusted p-values', () => {
    const cases = continuousSuite(60, 2, -0.08, 0.1, 4).map((c, i) => ({ ...c, category: ['zeta', 'alpha', 'mid'][i % 3] as string }))
    cases.push({ id: 'uncategorised', baseline: [0.5, 0.5], candidate: [0.5, 0.5], category: '' })
    const r = gateSuite({ cases })
    expect(Object.keys(r.perCategory)).toEqual(['alpha', 'mid', 'zeta'])
    const summaries = Object.values(r.perCategory)
    expect(summaries.map((s) => s.n)).toEqual([20, 20, 20])
    const adjusted = holmAdjust(summaries.map((s) => s.pValue))
    summaries.forEach((s, i) => {
      expect(s.pValueAdjusted).toBeCloseTo(adjusted[i] as number, 14)
      expect(s.method).toBe('t')
      expect(s.candidateMean - s.baselineMean).toBeCloseTo(s.meanDiff, 12)
    })
    expect(r.perCategory['alpha']?.verdict).toBe('degraded')
  })

  it('is deterministic and independent of input order, bootstrap included', () => {
    const cases = continuousSuite(50, 2, -0.03, 0.2, 5)
    const shuffled = [...cases].reverse()
    for (const method of ['t', 'bootstrap'] as const) {
      const a = gateSuite({ cases, options: { method, seed: 9 } })
      const b = gateSuite({ cases: shuffled, options: { method, seed: 9 } })
      expect(b).toEqual(a)
      expect(a.method).toBe(method)
    }
    const boot = gateSuite({ cases, options: { method: 'bootstrap', seed: 9, resamples: 500 } })
    expect(boot.test.method).toBe('bootstrap')
  })

  it('flags unstable trials', () => {
    // Every case flips between trials on both sides: mean range 1 > 0.05.
    const flaky = Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, baseline: [1, 0, 1], candidate: [0, 1, 1] }))
    const r = gateSuite({ cases: flaky })
    expect(r.unstable).toBe(true)
    expect(r.meanTrialRange).toBe(1)
    const steady = flaky.map((c) => ({ ...c, baseline: [0.8, 0.81, 0.8], candidate: [0.8, 0.8, 0.8] }))
    expect(gateSuite({ cases: steady }).unstable).toBe(false)
  })

  it('handles an empty comparison without NaN', () => {
    const r = gateSuite({ cases: [{ id: 'only-new', candidate: [1] }] })
    expect(r).toMatchObject({ n: 0, k: 0, baselineMean: 0, candidateMean: 0, meanDiff: 0, ci: [-1, 1], pValue: 1, verdict: 'inconclusive', mde: null })
    const single = gateSuite({ cases: [{ id: 'x', baseline: [0.9], candidate: [0.2] }] })
    expect(single).toMatchObject({ n: 1, verdict: 'inconclusive', ci: [-1, 1], mde: null })
    expect(gateSuite({ cases: [] }).verdict).toBe('inconclusive')
  })

  it('rejects invalid input', () => {
    expect(() => gateSuite({ cases: [{ id: 'a', baseline: [0.5], candidate: [0.5] }, { id: 'a', baseline: [0.5], candidate: [0.5] }] })).toThrow(/duplicate/)
    expect(() => gateSuite({ cases: [{ id: 'a', baseline: [1.5], candidate: [0.5] }] })).toThrow(/outside/)
    expect(() => gateSuite({ cases: [{ id: 'a', baseline: [Number.NaN], candidate: [0.5] }] })).toThrow(RangeError)
    expect(() => gateSuite({ cases: [{ id: 'a', baseline: [0.5], candidate: [1], binary: true }] })).toThrow(/not 0 or 1/)
    expect(() => gateSuite({ cases: [], options: { alpha: 0.7 } })).toThrow(RangeError)
    expect(() => gateSuite({ cases: [], options: { margin: -1 } })).toThrow(RangeError)
  })
})

describe('category verdicts are Holm-adjusted', () => {
  it('a category degraded alone (p = 1/32) is inconclusive once Holm counts the 3 categories', () => {
    const cases: GateCase[] = []
    for (const cat of ['a', 'b', 'c']) {
      for (let i = 0; i < 20; i++) cases.push({ id: `${cat}-${i}`, category: cat, baseline: [1], candidate: [cat === 'a' && i < 5 ? 0 : 1] })
    }
    const r = gateSuite({ cases })
    expect(r.perCategory.a).toMatchObject({ rawVerdict: 'degraded', verdict: 'inconclusive' })
    expect(r.perCategory.a?.pValue).toBeCloseTo(1 / 32, 12)
    expect(r.perCategory.a?.pValueAdjusted).toBeCloseTo(3 / 32, 12)
  })
})

describe('clustered cases', () => {
  it('cluster-robust SE with C − 1 df; without clusters nothing changes', () => {
    const cases: GateCase[] = Array.from({ length: 20 }, (_, i) => ({ id: `c${String(i).padStart(2, '0')}`, baseline: [0.8], candidate: [i % 5 < 2 ? 0.6 : 0.8 + (i % 3) * 0.05] }))
    const plain = gateSuite({ cases, options: { method: 't' } })
    const same = gateSuite({ cases: cases.map((c, i) => ({ ...c, cluster: `own-${i}` })), options: { method: 't' } })
    const grouped = gateSuite({ cases: cases.map((c, i) => ({ ...c, cluster: `g${Math.floor(i / 5)}` })), options: { method: 't' } })
    expect(plain.clusters).toBe(0)
    expect(plain.df).toBe(19)
    // Singleton clusters: C = n, the robust SE equals the iid SE.
    expect(same.se).toBeCloseTo(plain.se!, 12)
    expect(grouped).toMatchObject({ clusters: 4, df: 3 })
    // Hand check of Var(d̄) = C/(C−1) · Σ_g S_g² / n².
    const d = cases.map((c) => c.candidate![0]! - c.baseline![0]!)
    const m = d.reduce((a, b) => a + b, 0) / d.length
    const sums = [0, 1, 2, 3].map((g) => d.slice(g * 5, g * 5 + 5).reduce((a, x) => a + (x - m), 0))
    expect(grouped.se).toBeCloseTo(Math.sqrt((4 / 3) * sums.reduce((a, s) => a + s * s, 0)) / 20, 12)
  })
})
