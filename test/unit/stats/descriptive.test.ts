import { describe, expect, it } from 'vitest'
import { mean, range, standardDeviation, standardError, variance } from '../../../src/stats/descriptive.js'

describe('descriptive statistics', () => {
  it('computes mean, n − 1 variance, sd and se by hand', () => {
    // [1, 2, 6]: mean = 9/3 = 3; squared deviations 4 + 1 + 9 = 14; variance = 14/(3 − 1) = 7.
    expect(mean([1, 2, 6])).toBe(3)
    expect(variance([1, 2, 6])).toBeCloseTo(7, 14)
    expect(standardDeviation([1, 2, 6])).toBeCloseTo(Math.sqrt(7), 14)
    // se = √7/√3 = 1.527525…
    expect(standardError([1, 2, 6])).toBeCloseTo(1.5275252316519468, 14)
    expect(range([0.2, 1, 0.5])).toBeCloseTo(0.8, 15)
  })

  it('guards small samples without NaN', () => {
    expect(() => mean([])).toThrow(RangeError)
    expect(variance([])).toBe(0)
    expect(variance([0.7])).toBe(0)
    expect(standardDeviation([0.7])).toBe(0)
    expect(standardError([0.7])).toBe(0)
    expect(range([])).toBe(0)
    expect(range([0.3])).toBe(0)
  })

  it('gives exactly zero variance for constant samples and stays stable for offset data', () => {
    expect(variance([0.1, 0.1, 0.1, 0.1])).toBe(0)
    // Large offset, tiny spread: 1e9 + [1, 2, 3] has variance 1 like [1, 2, 3].
    expect(variance([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBeCloseTo(1, 6)
  })
})
