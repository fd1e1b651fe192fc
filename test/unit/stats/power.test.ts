import { describe, expect, it } from 'vitest'
import { estimateMde, minimumDetectableEffect, requiredSampleSize } from '../../../src/stats/power.js'

describe('power', () => {
  it('computes the minimum detectable effect by hand', () => {
    // (z(0.95) + z(0.8))·sd/√n = (1.644854 + 0.841621)·0.4/√200 = 2.486475·0.4/14.142136 = 0.070328
    expect(minimumDetectableEffect({ sdDiff: 0.4, n: 200 })).toBeCloseTo(0.07032812940506673, 12)
    // Quadrupling n halves the MDE; sd 0 means any drop is detectable.
    expect(minimumDetectableEffect({ sdDiff: 0.4, n: 800 })).toBeCloseTo(0.07032812940506673 / 2, 12)
    expect(minimumDetectableEffect({ sdDiff: 0, n: 10 })).toBe(0)
    // α = 0.025, power 0.9: (1.959964 + 1.281552)·0.2/√50 = 0.091684
    expect(minimumDetectableEffect({ sdDiff: 0.2, n: 50, alpha: 0.025, power: 0.9 })).toBeCloseTo(
      ((1.959963984540054 + 1.2815515655446004) * 0.2) / Math.sqrt(50),
      12,
    )
  })

  it('estimates the MDE from data and returns null below two pairs', () => {
    // d = [−0.1, 0, −0.2, −0.1, −0.1]: sd = 0.0707107 → 2.486475·0.0707107/√5 = 0.078630
    const mde = estimateMde([0.5, 0.6, 0.7, 0.8, 0.9], [0.4, 0.6, 0.5, 0.7, 0.8])
    expect(mde).toBeCloseTo((2.4864748605243865 * 0.07071067811865477) / Math.sqrt(5), 12)
    expect(estimateMde([0.5], [0.4])).toBeNull()
    expect(estimateMde([], [])).toBeNull()
  })

  it('computes the required sample size', () => {
    // (2.486475·0.4/0.05)² = 19.8918² = 395.68 → 396
    expect(requiredSampleSize({ sdDiff: 0.4, effect: 0.05 })).toBe(396)
    expect(requiredSampleSize({ sdDiff: 0, effect: 0.05 })).toBe(2)
  })

  it('rejects invalid input', () => {
    expect(() => minimumDetectableEffect({ sdDiff: 0.1, n: 0 })).toThrow(RangeError)
    expect(() => minimumDetectableEffect({ sdDiff: -1, n: 10 })).toThrow(RangeError)
    expect(() => minimumDetectableEffect({ sdDiff: 0.1, n: 10, power: 1 })).toThrow(RangeError)
    expect(() => requiredSampleSize({ sdDiff: 0.1, effect: 0 })).toThrow(RangeError)
  })
})
