import { describe, expect, it } from 'vitest'
import {
  betaQuantile,
  binomialTailAtLeast,
  casesForUpperBound,
  clopperPearson,
  clopperPearsonLower,
  clopperPearsonUpper,
  regularizedBeta,
  testRateAboveLimit,
  zeroFailureCases,
  createRng,
} from '../../../src/stats/index.js'

// Independent references: the binomial CDF by direct summation with log-binomial coefficients built
// from Σ log j (no logGamma, no incomplete beta), inverted by plain bisection; and exact rational
// arithmetic in BigInt for rational p.

function logFactorials(n: number): number[] {
  const out = [0]
  for (let j = 1; j <= n; j++) out.push((out[j - 1] as number) + Math.log(j))
  return out
}

/** P(X ≤ k) for X ~ Binomial(n, p), by summing the point probabilities. */
function cdfBySum(k: number, n: number, p: number): number {
  if (p <= 0) return 1
  if (p >= 1) return k >= n ? 1 : 0
  const lf = logFactorials(n)
  let sum = 0
  for (let i = 0; i <= k; i++) {
    sum += Math.exp((lf[n] as number) - (lf[i] as number) - (lf[n - i] as number) + i * Math.log(p) + (n - i) * Math.log1p(-p))
  }
  return Math.min(1, sum)
}

/** The root of a monotone f on [0, 1] by 200 bisection steps. */
function bisectRoot(f: (p: number) => number): number {
  let lo = 0
  let hi = 1
  const increasing = f(1) > f(0)
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (f(mid) > 0 === increasing) hi = mid
    else lo = mid
  }
  return (lo + hi) / 2
}

/** Clopper–Pearson bounds by definition: P(X ≤ k | upper) = tail and P(X ≥ k | lower) = tail. */
function referenceUpper(k: number, n: number, tail: number): number {
  return k === n ? 1 : bisectRoot((p) => cdfBySum(k, n, p) - tail)
}
function referenceLower(k: number, n: number, tail: number): number {
  return k === 0 ? 0 : bisectRoot((p) => 1 - cdfBySum(k - 1, n, p) - tail)
}

/** Exact P(X ≥ k) for X ~ Binomial(n, num/den), in BigInt, returned to ~1e-25 absolute. */
function exactTail(k: number, n: number, num: number, den: number): number {
  const a = BigInt(num)
  const b = BigInt(den - num)
  let choose = 1n
  let below = 0n
  for (let i = 0; i < k; i++) {
    below += choose * a ** BigInt(i) * b ** BigInt(n - i)
    choose = (choose * BigInt(n - i)) / BigInt(i + 1)
  }
  const total = BigInt(den) ** BigInt(n)
  const scale = 10n ** 30n
  return Number(((total - below) * scale) / total) / 1e30
}

const close = (actual: number, expected: number, rel = 1e-9): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300))
}

describe('betaQuantile', () => {
  it('inverts regularizedBeta over a grid of shapes and probabilities', () => {
    for (const [a, b] of [[0.5, 0.5], [2, 3], [1, 7], [7, 1], [1, 598], [3, 2000], [50, 50], [0.2, 9], [400, 3]] as const) {
      for (const p of [1e-8, 1e-4, 0.025, 0.05, 0.3, 0.5, 0.9, 0.975, 0.999]) {
        const x = betaQuantile(p, a, b)
        expect(x).toBeGreaterThanOrEqual(0)
        expect(x).toBeLessThanOrEqual(1)
        close(regularizedBeta(x, a, b), p, 1e-9)
      }
    }
  })

  it('matches closed forms and the ends', () => {
    expect(betaQuantile(0, 2, 3)).toBe(0)
    expect(betaQuantile(1, 2, 3)).toBe(1)
    close(betaQuantile(0.5, 1, 1), 0.5)
    close(betaQuantile(0.95, 1, 598), 1 - Math.pow(0.05, 1 / 598), 1e-12)
    close(betaQuantile(0.3, 4, 1), Math.pow(0.3, 1 / 4), 1e-12)
    // Beta(2, 2) CDF is 3x² − 2x³: at x = 0.25 it is 0.15625.
    close(betaQuantile(0.15625, 2, 2), 0.25, 1e-10)
  })

  it('rejects bad arguments with the argument named', () => {
    expect(() => betaQuantile(1.2, 1, 1)).toThrow(/p must be within 0..1, got 1.2/)
    expect(() => betaQuantile(0.5, 0, 1)).toThrow(/a and b must be finite and > 0/)
    expect(() => betaQuantile(Number.NaN, 1, 1)).toThrow(/p must be within/)
  })
})

describe('clopperPearson', () => {
  it("agrees with R's binom.test intervals", () => {
    // binom.test(5, 20)$conf.int and binom.test(682, 925)$conf.int (the R manual's example).
    const a = clopperPearson(5, 20)
    close(a.lower, 0.08657147, 1e-6)
    close(a.upper, 0.49104587, 1e-6)
    const b = clopperPearson(682, 925)
    close(b.lower, 0.7076683, 1e-6)
    close(b.upper, 0.7654066, 1e-6)
    expect(b.rate).toBeCloseTo(682 / 925, 12)
  })

  it('agrees with the bounds found by bisection on the summed binomial CDF', () => {
    for (const [k, n] of [[0, 1], [0, 10], [1, 10], [3, 7], [10, 10], [2, 598], [17, 250], [0, 598], [49, 50], [120, 1000]] as const) {
      for (const confidence of [0.9, 0.95, 0.99]) {
        const tail = (1 - confidence) / 2
        const ci = clopperPearson(k, n, confidence)
        close(ci.lower, referenceLower(k, n, tail), 1e-8)
        close(ci.upper, referenceUpper(k, n, tail), 1e-8)
        close(clopperPearsonUpper(k, n, confidence), referenceUpper(k, n, 1 - confidence), 1e-8)
        close(clopperPearsonLower(k, n, confidence), referenceLower(k, n, 1 - confidence), 1e-8)
      }
    }
  })

  it('uses the closed forms at the edges', () => {
    expect(clopperPearson(0, 30).lower).toBe(0)
    expect(clopperPearson(30, 30).upper).toBe(1)
    close(clopperPearson(30, 30).lower, Math.pow(0.025, 1 / 30), 1e-12)
    close(clopperPearsonUpper(0, 598), 1 - Math.pow(0.05, 1 / 598), 1e-12)
    close(clopperPearsonLower(40, 40, 0.95), Math.pow(0.05, 1 / 40), 1e-12)
  })

  it('rejects counts and levels that make no sense', () => {
    expect(() => clopperPearson(3, 2)).toThrow(/k must be an integer within 0..n \(n = 2\), got 3/)
    expect(() => clopperPearson(0, 0)).toThrow(/n must be an integer >= 1, got 0/)
    expect(() => clopperPearson(1.5, 4)).toThrow(/k must be an integer/)
    expect(() => clopperPearsonUpper(0, 10, 1)).toThrow(/confidence must be within \(0, 1\), got 1/)
  })
})

describe('binomialTailAtLeast', () => {
  it('equals exact rational arithmetic', () => {
    for (const [k, n, num, den] of [[8, 600, 1, 200], [7, 600, 1, 200], [1, 598, 1, 200], [3, 20, 1, 10], [12, 40, 1, 4], [0, 5, 1, 2], [6, 6, 1, 2]] as const) {
      close(binomialTailAtLeast(k, n, num / den), exactTail(k, n, num, den), 1e-10)
    }
    expect(binomialTailAtLeast(5, 6, 0.5)).toBeCloseTo(7 / 64, 14)
    expect(binomialTailAtLeast(7, 6, 0.5)).toBe(0)
  })
})

describe('testRateAboveLimit', () => {
  it('fails a rate significantly above the limit (hand-checked in exact arithmetic)', () => {
    const t = testRateAboveLimit(7, 600, 0.005)
    close(t.pValue, exactTail(7, 600, 1, 200), 1e-10)
    expect(t.pValue).toBeLessThan(0.05)
    expect(t.above).toBe(true)
    expect(t.verdict).toBe('above')
  })

  it('does not fail 6 in 600 (p > 0.05) yet cannot show it is below 0.5% either', () => {
    const t = testRateAboveLimit(6, 600, 0.005)
    close(t.pValue, exactTail(6, 600, 1, 200), 1e-10)
    expect(t.pValue).toBeGreaterThan(0.05)
    expect(t.verdict).toBe('inconclusive')
    expect(t.below).toBe(false)
    expect(t.zeroFailureCasesNeeded).toBe(598)
    expect(t.casesNeeded).toBe(casesForUpperBound(0.005, { failures: 6 }))
  })

  it('shows 0 in 598 below 0.5% and 0 in 597 not', () => {
    expect(testRateAboveLimit(0, 598, 0.005).verdict).toBe('below')
    const t = testRateAboveLimit(0, 597, 0.005)
    expect(t.verdict).toBe('inconclusive')
    expect(t.pValue).toBe(1)
  })

  it('rejects a limit or alpha out of range', () => {
    expect(() => testRateAboveLimit(0, 10, 0)).toThrow(/limit must be within \(0, 1\), got 0/)
    expect(() => testRateAboveLimit(0, 10, 0.01, 0.5)).toThrow(/alpha must be within/)
  })
})

describe('sample size for an upper bound under a limit', () => {
  it('0 failures in 598 cases for 0.5% at 95%', () => {
    expect(zeroFailureCases(0.005)).toBe(598)
    expect(clopperPearsonUpper(0, 598)).toBeLessThan(0.005)
    expect(clopperPearsonUpper(0, 597)).toBeGreaterThan(0.005)
  })

  it('matches a brute-force search, with and without failures', () => {
    for (const limit of [0.1, 0.02, 0.005, 0.001]) {
      for (const confidence of [0.9, 0.95, 0.99]) {
        const n0 = zeroFailureCases(limit, confidence)
        expect(1 - Math.pow(1 - confidence, 1 / n0)).toBeLessThan(limit)
        expect(1 - Math.pow(1 - confidence, 1 / (n0 - 1))).toBeGreaterThanOrEqual(limit)
      }
    }
    for (const [failures, limit] of [[1, 0.05], [3, 0.02], [6, 0.005]] as const) {
      const n = casesForUpperBound(limit, { failures }) as number
      expect(referenceUpper(failures, n, 0.05)).toBeLessThan(limit)
      expect(referenceUpper(failures, n - 1, 0.05)).toBeGreaterThanOrEqual(limit)
    }
  })

  it('returns null past maxN', () => {
    expect(casesForUpperBound(0.001, { failures: 5, maxN: 1000 })).toBeNull()
  })
})

describe('rate-above-limit false alarms (project rule 2: no noise is ever a regression)', () => {
  // Seeded simulation at the boundary of H0 (true rate = limit), where false alarms are most likely.
  const simulate = (n: number, trueRate: number, limit: number, reps: number, seed: number): number => {
    const rng = createRng(seed)
    let alarms = 0
    for (let r = 0; r < reps; r++) {
      let k = 0
      for (let i = 0; i < n; i++) if (rng() < trueRate) k++
      if (testRateAboveLimit(k, n, limit).above) alarms++
    }
    return alarms / reps
  }

  it('flags at most alpha of runs whose true rate equals the limit (exact size, and simulated)', () => {
    for (const [n, limit] of [[600, 0.005], [300, 0.02], [1000, 0.01], [80, 0.1]] as const) {
      // Exact size of the test: P(reject | rate = limit) = P(X ≥ c) for the smallest rejecting count c.
      let c = 0
      while (!testRateAboveLimit(c, n, limit).above) c++
      const size = binomialTailAtLeast(c, n, limit)
      expect(size).toBeLessThanOrEqual(0.05)
      const simulated = simulate(n, limit, limit, 4000, 13 + n)
      // 4000 replicates: 3 standard errors of a 5% rate is 0.0103.
      expect(simulated).toBeLessThanOrEqual(0.05 + 0.0103)
      expect(Math.abs(simulated - size)).toBeLessThan(3 * Math.sqrt((size * (1 - size)) / 4000) + 0.002)
    }
  })

  it('has power against a rate well above the limit', () => {
    expect(simulate(600, 0.02, 0.005, 2000, 7)).toBeGreaterThan(0.95)
  })
})
