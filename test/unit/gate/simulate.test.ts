import { describe, expect, it } from 'vitest'
import { createRng } from '../../../src/stats/rng.js'
import { latentRate } from '../../../src/stats/sampling.js'
import { powerTable, powerTableMarkdown, simulateGate, simulateSuite } from '../../../src/gate/simulate.js'

// Simulation tolerance: a seeded rate estimated from R replicates has Monte Carlo standard error
// √(0.05·0.95/R); at R = 1000 that is 0.0069, and we allow two of them above the nominal 5%.
const REPS = 1000
const FALSE_ALARM_LIMIT = 0.05 + 2 * Math.sqrt((0.05 * 0.95) / REPS) // 0.0638

describe('simulated gate (pass rate 0.8, case correlation 0.5)', () => {
  it('keeps false alarms on unchanged suites at or below 5% (+ 2 Monte Carlo SE)', () => {
    // Default gate (α = 0.05, margin 0.02): sign test at K = 1, t-test at K = 3.
    const k1 = simulateGate({ n: 200, k: 1, drop: 0, reps: REPS, seed: 101 })
    const k3 = simulateGate({ n: 200, k: 3, drop: 0, reps: REPS, seed: 103 })
    // Pure size of the t-test (no margin) on a small suite, where the normal approximation is weakest.
    const small = simulateGate({ n: 50, k: 3, drop: 0, reps: REPS, seed: 105, margin: 0 })
    expect(k1.methods).toEqual(['sign'])
    expect(k3.methods).toEqual(['t'])
    for (const r of [k1, k3, small]) expect(r.degradedRate).toBeLessThanOrEqual(FALSE_ALARM_LIMIT)
  })

  it('detects a 5-point drop at n = 200, K = 3 with at least 80% power, and K = 1 far less often', () => {
    const k3 = simulateGate({ n: 200, k: 3, drop: 0.05, reps: REPS, seed: 203 })
    expect(k3.degradedRate).toBeGreaterThanOrEqual(0.8)
    const k1 = simulateGate({ n: 200, k: 1, drop: 0.05, reps: 400, seed: 201 })
    // Analytically about 43% for the exact sign test (field notes: 40%).
    expect(k1.degradedRate).toBeGreaterThan(0.3)
    expect(k1.degradedRate).toBeLessThan(0.56)
    expect(k1.degradedRate + k1.nonInferiorRate + k1.inconclusiveRate).toBeCloseTo(1, 12)
  })

  it('is deterministic for a seed', () => {
    const a = simulateGate({ n: 30, k: 2, drop: 0.05, reps: 50, seed: 'x' })
    expect(simulateGate({ n: 30, k: 2, drop: 0.05, reps: 50, seed: 'x' })).toEqual(a)
    expect(a.standardError).toBeCloseTo(Math.sqrt((a.degradedRate * (1 - a.degradedRate)) / 50), 14)
  })

  it('draws suites from the stated model', () => {
    const cases = simulateSuite(createRng(1), { n: 4000, k: 2, drop: 0.1 })
    expect(cases).toHaveLength(4000)
    const base = cases.flatMap((c) => c.baseline ?? [])
    const cand = cases.flatMap((c) => c.candidate ?? [])
    expect(new Set([...base, ...cand])).toEqual(new Set([0, 1]))
    const avg = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length
    expect(avg(base)).toBeCloseTo(0.8, 1)
    // The drop is clamped at 0 for cases whose rate is below 0.1, so the mean drop is a bit under 0.1.
    expect(avg(base) - avg(cand)).toBeGreaterThan(0.07)
    expect(avg(base) - avg(cand)).toBeLessThan(0.11)
    // Intra-case correlation 0.5: P(two baseline trials agree) = 1 − 2·E[p(1 − p)] = 1 − 2·0.08 = 0.84.
    const agree = cases.filter((c) => c.baseline?.[0] === c.baseline?.[1]).length / cases.length
    expect(agree).toBeCloseTo(0.84, 1)
  })

  it('supports the extreme correlations', () => {
    const rng = createRng(2)
    expect(latentRate(rng, 0.8, 0)).toBe(0.8)
    const draws = Array.from({ length: 200 }, () => latentRate(rng, 0.8, 1))
    expect(new Set(draws)).toEqual(new Set([0, 1]))
    expect(() => latentRate(rng, 0.8, 1.5)).toThrow(RangeError)
  })

  it('renders the README power table', () => {
    const options = { ns: [20], ks: [1, 3], drops: [0, 0.1], reps: 20, seed: 3 }
    const rows = powerTable(options)
    expect(rows.map((r) => [r.n, r.k, r.methods])).toEqual([
      [20, 1, ['sign']],
      [20, 3, ['t']],
    ])
    const md = powerTableMarkdown(options)
    const lines = md.split('\n')
    expect(lines[0]).toBe('| n | K | test | no change (false alarms) | 10-point drop |')
    expect(lines[2]).toMatch(/^\| 20 \| 1 \| sign \| \d+\.\d% \| \d+\.\d% \|$/)
    expect(md).toContain('Share of 20 simulated runs per cell')
    expect(powerTableMarkdown(options)).toBe(md)
  })
})
