import { describe, expect, it } from 'vitest'
import { holmAdjust, holmReject } from '../../../src/stats/multiplicity.js'

describe('Holm–Bonferroni', () => {
  it('adjusts a hand example, keeping input order', () => {
    // Sorted: 0.01 (×3 = 0.03), 0.03 (×2 = 0.06), 0.04 (×1 = 0.04 → running max 0.06).
    const adjusted = holmAdjust([0.01, 0.04, 0.03])
    expect(adjusted[0]).toBeCloseTo(0.03, 14)
    expect(adjusted[1]).toBeCloseTo(0.06, 14)
    expect(adjusted[2]).toBeCloseTo(0.06, 14)
  })

  it('rejects step-down at the family-wise level', () => {
    // m = 4: 4·0.01 = 0.04 ≤ 0.05 reject; 3·0.02 = 0.06 > 0.05 stop — later ones are kept too.
    expect(holmReject([0.02, 0.01, 0.03, 0.04])).toEqual([false, true, false, false])
    // m = 3: 0.003·3 = 0.009, 0.02·2 = 0.04, 0.04·1 = 0.04 → all rejected at 0.05.
    expect(holmReject([0.04, 0.003, 0.02])).toEqual([true, true, true])
  })

  it('caps at 1 and handles edge cases', () => {
    expect(holmAdjust([0.5, 0.6])).toEqual([1, 1])
    expect(holmAdjust([])).toEqual([])
    expect(holmAdjust([0.02])).toEqual([0.02])
    expect(() => holmAdjust([Number.NaN])).toThrow(RangeError)
    expect(() => holmAdjust([1.5])).toThrow(RangeError)
  })
})
