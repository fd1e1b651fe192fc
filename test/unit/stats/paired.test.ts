import { describe, expect, it } from 'vitest'
import { pairedTTest } from '../../../src/stats/paired.js'
import { createRng } from '../../../src/stats/rng.js'

// Hand computation for the example below:
//   baseline  [0.5, 0.6, 0.7, 0.8, 0.9], candidate [0.4, 0.6, 0.5, 0.7, 0.8]
//   d = [−0.1, 0, −0.2, −0.1, −0.1]; d̄ = −0.5/5 = −0.1
//   deviations [0, 0.1, −0.1, 0, 0]: SS = 0.02, var = 0.02/4 = 0.005, sd = 0.0707107
//   se = 0.0707107/√5 = 0.0316228; t = −0.1/0.0316228 = −3.16228; df = 4
//   t(0.95, 4) = 2.131847 → U = −0.1 + 2.131847·0.0316228 = −0.032585, L = −0.167415
//   p = P(T₄ ≤ −3.16228) = 0.017055
const baseline = [0.5, 0.6, 0.7, 0.8, 0.9]
const candidate = [0.4, 0.6, 0.5, 0.7, 0.8]

describe('pairedTTest', () => {
  it('reproduces the hand-computed example', () => {
    const r = pairedTTest(baseline, candidate)
    expect(r.method).toBe('t')
    expect(r.n).toBe(5)
    expect(r.meanDiff).toBeCloseTo(-0.1, 12)
    expect(r.sdDiff).toBeCloseTo(0.07071067811865477, 12)
    expect(r.se).toBeCloseTo(0.0316227766016838, 12)
    expect(r.df).toBe(4)
    expect(r.tStat).toBeCloseTo(-3.162277660168379, 10)
    expect(r.pValue).toBeCloseTo(0.017054711583704814, 10)
    expect(r.upper).toBeCloseTo(-0.032585085326974836, 10)
    expect(r.lower).toBeCloseTo(-0.16741491467302516, 10)
    expect(r.verdict).toBe('degraded')
  })

  it('applies the margin to the verdict', () => {
    // d̄ = −0.1 is significant (U < 0). Margin 0.02: −0.1 < −0.02 → degraded.
    expect(pairedTTest(baseline, candidate, { margin: 0.02 }).verdict).toBe('degraded')
    // Margin 0.15: drop smaller than the margin, but L = −0.167 < −0.15 → inconclusive.
    expect(pairedTTest(baseline, candidate, { margin: 0.15 }).verdict).toBe('inconclusive')
    // Margin 0.2: L = −0.167 ≥ −0.2 → non-inferior (a real but tolerated drop).
    expect(pairedTTest(baseline, candidate, { margin: 0.2 }).verdict).toBe('non-inferior')
  })

  it('uses alpha for the bounds', () => {
    // α = 0.01: t(0.99, 4) = 3.7469474 → U = −0.1 + 3.7469474·0.0316228 = 0.018489 > 0: not significant.
    const r = pairedTTest(baseline, candidate, { alpha: 0.01 })
    expect(r.upper).toBeCloseTo(-0.1 + 3.746947387979196 * 0.0316227766016838, 10)
    expect(r.verdict).toBe('inconclusive')
  })

  it('is exact when all differences are equal', () => {
    const same = pairedTTest([0.2, 0.5, 0.9], [0.2, 0.5, 0.9])
    expect(same).toMatchObject({ meanDiff: 0, sdDiff: 0, se: 0, tStat: 0, pValue: 1, lower: 0, upper: 0, verdict: 'non-inferior' })
    const drop = pairedTTest([0.5, 0.6, 0.7], [0.4, 0.5, 0.6], { margin: 0.02 })
    expect(drop.sdDiff).toBe(0)
    expect(drop.tStat).toBe(-Infinity)
    expect(drop.pValue).toBe(0)
    expect(drop.verdict).toBe('degraded')
    // A uniform drop inside the margin is provably tolerable.
    expect(pairedTTest([0.5, 0.6], [0.49, 0.59], { margin: 0.02 }).verdict).toBe('non-inferior')
    // Floating-point noise is not a drop: 0.3 − (0.1 + 0.2) = −5.6e-17 counts as 0.
    expect(pairedTTest([0.1 + 0.2, 0.1 + 0.2], [0.3, 0.3])).toMatchObject({ meanDiff: 0, pValue: 1, verdict: 'non-inferior' })
    // A uniform gain.
    const gain = pairedTTest([0.1, 0.2], [0.3, 0.4])
    expect(gain).toMatchObject({ tStat: Infinity, pValue: 1, verdict: 'non-inferior' })
  })

  it('is inconclusive with fewer than two pairs, never NaN', () => {
    const none = pairedTTest([], [])
    expect(none).toMatchObject({ n: 0, meanDiff: 0, pValue: 1, lower: -Infinity, upper: Infinity, verdict: 'inconclusive' })
    const one = pairedTTest([0.9], [0.1])
    expect(one).toMatchObject({ n: 1, meanDiff: -0.8, df: 0, pValue: 1, verdict: 'inconclusive' })
    expect(pairedTTest([0.5], [0.5]).verdict).toBe('inconclusive')
    for (const value of Object.values(one)) expect(Number.isNaN(value)).toBe(false)
  })

  it('is inconclusive for a small noisy sample and non-inferior for a large unchanged one', () => {
    // Small and noisy: d = [0.3, −0.4, 0.2, −0.3], d̄ = −0.05 with sd ≈ 0.33 → wide bounds.
    expect(pairedTTest([0.5, 0.9, 0.3, 0.8], [0.8, 0.5, 0.5, 0.5], { margin: 0.02 }).verdict).toBe('inconclusive')
    // 400 cases, unbiased noise sd 0.05 → se ≈ 0.0025, L ≈ −0.004 ≥ −0.02.
    const rng = createRng(42)
    const base = Array.from({ length: 400 }, () => 0.3 + 0.4 * rng())
    const cand = base.map((b) => b + (rng() - 0.5) * 0.17)
    expect(pairedTTest(base, cand, { margin: 0.02 }).verdict).toBe('non-inferior')
  })

  it('rejects bad input', () => {
    expect(() => pairedTTest([0.1, 0.2], [0.1])).toThrow(RangeError)
    expect(() => pairedTTest([0.1, Number.NaN], [0.1, 0.2])).toThrow(RangeError)
    expect(() => pairedTTest([0.1], [0.1], { alpha: 0 })).toThrow(RangeError)
    expect(() => pairedTTest([0.1], [0.1], { alpha: 0.6 })).toThrow(RangeError)
    expect(() => pairedTTest([0.1], [0.1], { margin: -0.01 })).toThrow(RangeError)
  })
})
