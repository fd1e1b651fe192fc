import { describe, expect, it } from 'vitest'
import { pairedProportionBounds, wilsonInterval } from '../../../src/stats/proportions.js'
import { signTest } from '../../../src/stats/sign.js'

/** Builds paired pass/fail arrays from the four cells of the 2×2 table. */
function table(bothPass: number, passToFail: number, failToPass: number, bothFail: number): [boolean[], boolean[]] {
  const before: boolean[] = []
  const after: boolean[] = []
  const add = (count: number, b: boolean, a: boolean): void => {
    for (let i = 0; i < count; i++) {
      before.push(b)
      after.push(a)
    }
  }
  add(bothPass, true, true)
  add(passToFail, true, false)
  add(failToPass, false, true)
  add(bothFail, false, false)
  return [before, after]
}

describe('signTest (exact McNemar)', () => {
  it('computes exact one-sided p-values by hand', () => {
    // b = 6, c = 0: P(X ≥ 6 | Bin(6, ½)) = 1/64 = 0.015625
    expect(signTest(...table(30, 6, 0, 4)).pValue).toBeCloseTo(1 / 64, 14)
    // b = 5, c = 1: P(X ≥ 5 | Bin(6, ½)) = (6 + 1)/64 = 0.109375
    expect(signTest(...table(30, 5, 1, 4)).pValue).toBeCloseTo(7 / 64, 14)
    // b = 8, c = 2: (C(10,8) + C(10,9) + C(10,10))/1024 = 56/1024 = 0.0546875
    expect(signTest(...table(10, 8, 2, 0)).pValue).toBeCloseTo(56 / 1024, 14)
    // b = 2, c = 8: 1 − P(X ≤ 1) = 1 − 11/1024
    expect(signTest(...table(10, 2, 8, 0)).pValue).toBeCloseTo(1013 / 1024, 14)
    // No discordant pairs: no evidence at all.
    expect(signTest(...table(10, 0, 0, 5)).pValue).toBe(1)
  })

  it('reports the counts, rates and the Newcombe bound (hand example)', () => {
    // Table: 30 pass/pass, 6 pass→fail, 0 fail→pass, 4 fail/fail; n = 40, z = z(0.95) = 1.644854.
    //   baseline rate p1 = 36/40 = 0.9, candidate rate p2 = 30/40 = 0.75, Δ = p2 − p1 = −0.15
    //   Wilson(36/40): [0.795009, 0.954308]; Wilson(30/40): [0.624027, 0.844296]
    //   φ = (30·4 − 6·0)/√(36·4·30·10) = 120/207.846 = 0.577350
    //   lower = Δ − √((p2 − l2)² − 2φ(p2 − l2)(u1 − p1) + (u1 − p1)²) = −0.15 − 0.104493 = −0.254493
    //   upper = Δ + √((p1 − l1)² − 2φ(p1 − l1)(u2 − p2) + (u2 − p2)²) = −0.15 + 0.092103 = −0.057897
    const r = signTest(...table(30, 6, 0, 4), { margin: 0.02 })
    expect(r).toMatchObject({ method: 'sign', n: 40, b: 6, c: 0 })
    expect(r.baselineRate).toBeCloseTo(0.9, 14)
    expect(r.candidateRate).toBeCloseTo(0.75, 14)
    expect(r.meanDiff).toBeCloseTo(-0.15, 14)
    expect(r.lower).toBeCloseTo(-0.25449330036037066, 12)
    expect(r.upper).toBeCloseTo(-0.057896711170747794, 12)
    expect(r.verdict).toBe('degraded')
  })

  it('gives tri-state verdicts', () => {
    // Many concordant cases, no discordance: the drop is provably below 2 points.
    expect(signTest(...table(180, 0, 0, 20), { margin: 0.02 }).verdict).toBe('non-inferior')
    // Small suite, one regression: p = 1/2, Δ = −0.1, wide bound → inconclusive.
    expect(signTest(...table(8, 1, 0, 1), { margin: 0.02 }).verdict).toBe('inconclusive')
    // Significant but inside a wide margin: b = 6, c = 0 of 200 → Δ = −0.03 > −0.05.
    const tolerated = signTest(...table(170, 6, 0, 24), { margin: 0.05 })
    expect(tolerated.pValue).toBeLessThanOrEqual(0.05)
    expect(tolerated.verdict).not.toBe('degraded')
    // Equal regressions and fixes: Δ = 0. With 10 discordant of 200 the paired sd is √(10/200) = 0.224,
    // so L ≈ −1.645·0.224/√200 = −0.026 < −0.02 → still inconclusive; with 10 of 400, L = −0.013.
    expect(signTest(...table(160, 5, 5, 30), { margin: 0.02 }).verdict).toBe('inconclusive')
    expect(signTest(...table(300, 5, 5, 90), { margin: 0.02 }).verdict).toBe('non-inferior')
  })

  it('guards the empty suite', () => {
    expect(signTest([], [])).toMatchObject({ n: 0, meanDiff: 0, pValue: 1, lower: -1, upper: 1, verdict: 'inconclusive' })
    expect(() => signTest([true], [])).toThrow(RangeError)
  })
})

describe('Wilson and paired-proportion bounds', () => {
  it('matches the Wilson formula by hand', () => {
    // x = 8, n = 10, z = 1.96: centre = (8 + 1.9208)/13.8416 = 0.716738,
    // half = 1.96·√(1.6 + 0.9604)/13.8416 = 1.96·1.600125/13.8416 = 0.226581 → [0.490157, 0.943319]
    const w = wilsonInterval(8, 10, 1.96)
    expect(w.lower).toBeCloseTo(0.490157, 5)
    expect(w.upper).toBeCloseTo(0.943319, 5)
    expect(wilsonInterval(0, 10, 1.96).lower).toBe(0)
    expect(wilsonInterval(10, 10, 1.96).upper).toBe(1)
    expect(wilsonInterval(0, 0, 1.96)).toEqual({ lower: 0, upper: 1 })
  })

  it('keeps paired bounds within [−1, 1] and around the estimate', () => {
    const b = pairedProportionBounds({ bothPass: 0, passToFail: 3, failToPass: 0, bothFail: 0 }, 1.645)
    // Every case regressed: Δ = −1, the lower end is clamped at −1, the upper end stays below 0.
    expect(b.lower).toBe(-1)
    expect(b.upper).toBeLessThan(0)
    expect(b.upper).toBeGreaterThan(-1)
    expect(pairedProportionBounds({ bothPass: 0, passToFail: 0, failToPass: 0, bothFail: 0 }, 1.645)).toEqual({ lower: -1, upper: 1 })
  })
})
