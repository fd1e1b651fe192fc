import { describe, expect, it } from 'vitest'
import { pairedBootstrap } from '../../../src/stats/bootstrap.js'
import { pairedTTest } from '../../../src/stats/paired.js'
import { createRng, normal } from '../../../src/stats/rng.js'

describe('pairedBootstrap', () => {
  it('is deterministic for a seed', () => {
    const rng = createRng(3)
    const base = Array.from({ length: 60 }, () => rng())
    const cand = base.map((b) => Math.min(1, Math.max(0, b - 0.03 + normal(rng, 0, 0.1))))
    const a = pairedBootstrap(base, cand, { seed: 'pr-123', resamples: 1000 })
    const b = pairedBootstrap(base, cand, { seed: 'pr-123', resamples: 1000 })
    expect(a).toEqual(b)
    const c = pairedBootstrap(base, cand, { seed: 'pr-124', resamples: 1000 })
    expect(c.lower).not.toBe(a.lower)
    expect(c.meanDiff).toBe(a.meanDiff)
    expect(a).toMatchObject({ method: 'bootstrap', n: 60, resamples: 1000, seed: 'pr-123' })
  })

  it('matches a hand-enumerable two-case example', () => {
    // d = [0, −0.2]: a resample mean is 0 (prob ¼), −0.1 (½) or −0.2 (¼). With R = 2000 and
    // α = 0.05 the bounds are the 100th smallest (−0.2) and 100th largest (0) means, and
    // p = share of means ≥ 0 ≈ ¼.
    const r = pairedBootstrap([0.5, 0.7], [0.5, 0.5], { seed: 1 })
    expect(r.meanDiff).toBeCloseTo(-0.1, 12)
    expect(r.lower).toBeCloseTo(-0.2, 12)
    expect(r.upper).toBeCloseTo(0, 12)
    expect(r.pValue).toBeGreaterThan(0.22)
    expect(r.pValue).toBeLessThan(0.28)
    expect(r.verdict).toBe('inconclusive')
  })

  it('agrees with the t-test on a large sample', () => {
    const rng = createRng(11)
    const base = Array.from({ length: 300 }, () => 0.2 + 0.6 * rng())
    const cand = base.map((b) => b - 0.04 + normal(rng, 0, 0.15))
    const boot = pairedBootstrap(base, cand, { margin: 0.02, seed: 5 })
    const t = pairedTTest(base, cand, { margin: 0.02 })
    expect(boot.lower).toBeCloseTo(t.lower, 2)
    expect(boot.upper).toBeCloseTo(t.upper, 2)
    expect(boot.verdict).toBe(t.verdict)
    expect(boot.verdict).toBe('degraded')
  })

  it('is exact for equal differences and guards small n', () => {
    expect(pairedBootstrap([0.5, 0.6, 0.7], [0.4, 0.5, 0.6], { margin: 0.02 })).toMatchObject({ pValue: 0, verdict: 'degraded' })
    expect(pairedBootstrap([0.5, 0.6], [0.5, 0.6])).toMatchObject({ lower: 0, upper: 0, pValue: 1, verdict: 'non-inferior' })
    expect(pairedBootstrap([], [])).toMatchObject({ n: 0, meanDiff: 0, pValue: 1, verdict: 'inconclusive' })
    expect(pairedBootstrap([1], [0])).toMatchObject({ n: 1, meanDiff: -1, lower: -Infinity, upper: Infinity, verdict: 'inconclusive' })
    expect(() => pairedBootstrap([0.1], [0.1], { resamples: 0 })).toThrow(RangeError)
    expect(() => pairedBootstrap([0.1], [0.1], { resamples: 10.5 })).toThrow(RangeError)
  })
})
