import { describe, expect, it } from 'vitest'
import { trialConsistency } from '../../../src/stats/consistency.js'

describe('trialConsistency', () => {
  it('reports per-case spread and flags an unstable suite', () => {
    // Ranges: 0, 1 (a flip), 0.1; the single-trial case is not measured.
    // meanRange = (0 + 1 + 0.1)/3 = 0.3667 > 0.05 → unstable; 2 of 3 measured cases exceed 0.05.
    const r = trialConsistency([[1, 1, 1], [1, 0, 1], [0.5, 0.6, 0.55], [0.7]])
    expect(r.cases).toHaveLength(4)
    expect(r.cases[1]).toMatchObject({ trials: 3, range: 1 })
    expect(r.cases[1]?.mean).toBeCloseTo(2 / 3, 14)
    // sd of [1, 0, 1]: mean 2/3, SS = 2·(1/9) + 4/9 = 2/3, var = 1/3
    expect(r.cases[1]?.sd).toBeCloseTo(Math.sqrt(1 / 3), 14)
    expect(r.cases[3]).toEqual({ trials: 1, mean: 0.7, sd: 0, range: 0 })
    expect(r.measuredCases).toBe(3)
    expect(r.meanRange).toBeCloseTo(1.1 / 3, 12)
    expect(r.maxRange).toBe(1)
    expect(r.unstableShare).toBeCloseTo(2 / 3, 14)
    expect(r.unstable).toBe(true)
  })

  it('accepts a stable suite and honours the threshold', () => {
    // Ranges 0.02 and 0 → mean 0.01 ≤ 0.05.
    const r = trialConsistency([[0.8, 0.82], [0.5, 0.5]])
    expect(r.meanRange).toBeCloseTo(0.01, 12)
    expect(r.unstable).toBe(false)
    expect(trialConsistency([[0.8, 0.82], [0.5, 0.5]], { threshold: 0.005 }).unstable).toBe(true)
  })

  it('guards suites without repeats and empty cases', () => {
    expect(trialConsistency([[1], [0]])).toMatchObject({ measuredCases: 0, meanRange: 0, maxRange: 0, unstableShare: 0, unstable: false })
    expect(trialConsistency([])).toMatchObject({ measuredCases: 0, unstable: false })
    expect(() => trialConsistency([[]])).toThrow(RangeError)
    expect(() => trialConsistency([[0.5]], { threshold: -1 })).toThrow(RangeError)
  })
})
