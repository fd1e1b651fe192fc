import { describe, expect, it } from 'vitest'
import {
  binomialPmf,
  binomialUpperTail,
  normalCdf,
  normalQuantile,
  tCdf,
  tPdf,
  tQuantile,
} from '../../../src/stats/distributions.js'
import { logGamma, regularizedBeta } from '../../../src/stats/special.js'

describe('normal distribution', () => {
  it('matches table values of the quantile', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 12)
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 12)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12)
    expect(normalQuantile(0.5)).toBe(0)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12)
    expect(normalQuantile(0)).toBe(-Infinity)
    expect(normalQuantile(1)).toBe(Infinity)
  })

  it('matches table values of the CDF, including the far tail', () => {
    expect(normalCdf(0)).toBe(0.5)
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14)
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14)
    // Φ(−5) = 2.8665157187919333e-7: check relative precision, not just absolute.
    expect(normalCdf(-5) / 2.866515718791933e-7).toBeCloseTo(1, 12)
    expect(normalCdf(-40)).toBe(0)
    expect(normalCdf(40)).toBe(1)
  })

  it('is the inverse of the quantile across the range', () => {
    for (const p of [1e-12, 1e-6, 0.01, 0.2, 0.5, 0.7, 0.99, 0.999999]) {
      expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 10)
    }
  })

  it('rejects invalid input', () => {
    expect(() => normalQuantile(1.2)).toThrow(RangeError)
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError)
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError)
  })
})

describe('Student t distribution', () => {
  it('matches table quantiles', () => {
    expect(tQuantile(0.95, 10)).toBeCloseTo(1.8125, 4)
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.7764, 4)
    expect(tQuantile(0.95, 10)).toBeCloseTo(1.8124611228116756, 10)
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.7764451051977934, 10)
    expect(tQuantile(0.05, 10)).toBeCloseTo(-1.8124611228116756, 10)
    expect(tQuantile(0.5, 3)).toBe(0)
  })

  it('matches closed forms for 1 and 2 degrees of freedom', () => {
    // df = 1 (Cauchy): F(t) = 1/2 + atan(t)/π, so t(0.975) = tan(0.475π) = 12.7062…
    expect(tQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 9)
    expect(tCdf(1, 1)).toBeCloseTo(0.75, 14)
    // df = 2: t(p) = (2p − 1)·√(2/(4p(1 − p))); p = 0.975 → 0.95·√(2/0.0975) = 4.302652…
    expect(tQuantile(0.975, 2)).toBeCloseTo(0.95 * Math.sqrt(2 / 0.0975), 10)
  })

  it('matches the closed-form CDF for df = 3', () => {
    // F(t) = 1/2 + (1/π)·(t/(√3(1 + t²/3)) + atan(t/√3)); t = 2 → 0.5 + (0.494872 + 0.857072)/π = 0.930337.
    const closed = 0.5 + (2 / (Math.sqrt(3) * (1 + 4 / 3)) + Math.atan(2 / Math.sqrt(3))) / Math.PI
    expect(tCdf(2, 3)).toBeCloseTo(closed, 13)
    expect(tCdf(-2, 3)).toBeCloseTo(1 - closed, 13)
  })

  it('handles fractional, huge and infinite degrees of freedom', () => {
    expect(tCdf(-1.5, 7.5)).toBeCloseTo(0.08724028529323204, 11) // scipy.stats.t.cdf(-1.5, 7.5)
    expect(tQuantile(0.999, 2.5)).toBeCloseTo(13.82219311086596, 8) // scipy.stats.t.ppf(0.999, 2.5)
    expect(tQuantile(0.95, 1e8)).toBeCloseTo(normalQuantile(0.95), 10)
    expect(tCdf(1.2, Infinity)).toBeCloseTo(normalCdf(1.2), 14)
    expect(tQuantile(0.95, 5000)).toBeCloseTo(1.6452, 4)
  })

  it('inverts its CDF and integrates its density', () => {
    for (const df of [1, 3, 9, 49]) {
      for (const p of [0.01, 0.3, 0.9, 0.995]) expect(tCdf(tQuantile(p, df), df)).toBeCloseTo(p, 11)
      // Midpoint rule: ∫₀¹ pdf ≈ F(1) − F(0).
      let integral = 0
      for (let i = 0; i < 1000; i++) integral += tPdf((i + 0.5) / 1000, df) / 1000
      expect(integral).toBeCloseTo(tCdf(1, df) - 0.5, 6)
    }
  })

  it('rejects invalid degrees of freedom', () => {
    expect(() => tCdf(1, 0)).toThrow(RangeError)
    expect(() => tQuantile(0.9, -1)).toThrow(RangeError)
  })
})

describe('special functions', () => {
  it('logGamma matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14)
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 12)
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13)
    expect(() => logGamma(0)).toThrow(RangeError)
  })

  it('regularizedBeta matches closed forms', () => {
    // I_x(1, 1) = x; I_x(2, 1) = x²; I_x(a, b) = 1 − I_{1−x}(b, a).
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14)
    expect(regularizedBeta(0.3, 2, 1)).toBeCloseTo(0.09, 14)
    expect(regularizedBeta(0.7, 2.5, 4)).toBeCloseTo(1 - regularizedBeta(0.3, 4, 2.5), 13)
    expect(regularizedBeta(0, 2, 3)).toBe(0)
    expect(regularizedBeta(1, 2, 3)).toBe(1)
  })
})

describe('binomial', () => {
  it('gives exact tails at p = 0.5 by hand', () => {
    // n = 6: P(X ≥ 5) = (C(6,5) + C(6,6))/64 = 7/64.
    expect(binomialUpperTail(5, 6)).toBeCloseTo(7 / 64, 14)
    // n = 10: P(X ≥ 8) = (45 + 10 + 1)/1024 = 56/1024.
    expect(binomialUpperTail(8, 10)).toBeCloseTo(56 / 1024, 14)
    expect(binomialUpperTail(0, 10)).toBe(1)
    expect(binomialUpperTail(11, 10)).toBe(0)
    expect(binomialPmf(3, 6, 0.5)).toBeCloseTo(20 / 64, 14)
  })

  it('handles other p and large n', () => {
    // P(X ≥ 2) for Binomial(3, 0.2) = 3·0.04·0.8 + 0.008 = 0.104.
    expect(binomialUpperTail(2, 3, 0.2)).toBeCloseTo(0.104, 14)
    // scipy.stats.binom.sf(699, 1200, 0.5) = 4.267683040517158e-09
    expect(binomialUpperTail(700, 1200) / 4.267683040517158e-9).toBeCloseTo(1, 9)
    expect(binomialPmf(0, 5, 0)).toBe(1)
    expect(() => binomialUpperTail(1, 2.5)).toThrow(RangeError)
  })
})
