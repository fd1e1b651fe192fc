import { describe, expect, test } from 'vitest'
import { checkLatency, formatDistribution, limitsProblem } from '../../../src/matchers/latency-limits.js'
import { runLoad } from '../../../src/measure/load.js'
import { percentile, summarize } from '../../../src/stats/percentile.js'

describe('nearest-rank percentiles (hand-computed)', () => {
  // [10, 20, 30, 40]: rank(p50) = ceil(0.5·4) = 2 → 20; rank(p95) = ceil(3.8) = 4 → 40; rank(p25) = 1 → 10
  test('small sample', () => {
    expect(percentile([40, 10, 30, 20], 50)).toBe(20)
    expect(percentile([40, 10, 30, 20], 95)).toBe(40)
    expect(percentile([40, 10, 30, 20], 25)).toBe(10)
    expect(percentile([40, 10, 30, 20], 0)).toBe(10)
  })
  // 1..100: p95 → rank 95 → 95; p99 → 99; p50 → 50
  test('1..100', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(summarize(xs)).toMatchObject({ n: 100, p50: 50, p95: 95, p99: 99, max: 100, min: 1, mean: 50.5 })
  })
  // 1..20: p95 → rank ceil(19) = 19 → 19; p99 → rank ceil(19.8) = 20 → 20
  test('1..20', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i + 1)
    expect([percentile(xs, 95), percentile(xs, 99)]).toEqual([19, 20])
  })
  test('errors', () => {
    expect(() => percentile([], 50)).toThrow('no values')
    expect(() => percentile([1], 101)).toThrow('within 0..100')
  })
})

describe('limits', () => {
  test('check and format', () => {
    const c = checkLatency([100, 120, 130, 150, 900], { p50: 200, p95: 500 })
    expect(c.pass).toBe(false)
    expect(c.violations).toEqual([{ stat: 'p95', value: 900, limit: 500 }])
    expect(formatDistribution(c.distribution)).toBe('n=5 p50=130 p95=900 p99=900 max=900 ms')
  })
  test('problems are named', () => {
    expect(limitsProblem({})).toMatch(/at least one/)
    expect(limitsProblem({ p90: 3 })).toMatch(/unknown option "p90"/)
    expect(limitsProblem({ p95: '3' })).toMatch(/limit "p95" must be a non-negative number/)
    expect(limitsProblem({ p95: 3, metric: 'first' })).toMatch(/metric must be "total" or "ttft"/)
    expect(limitsProblem(null)).toMatch(/must be an object/)
    expect(limitsProblem({ p95: 3 })).toBeUndefined()
  })
})

describe('runLoad', () => {
  test('respects concurrency, runs warmup first, records failures without throwing', async () => {
    let inFlight = 0
    let peak = 0
    let calls = 0
    const load = await runLoad(
      async () => {
        calls++
        inFlight++
        peak = Math.max(peak, inFlight)
        await new Promise((r) => setTimeout(r, 10))
        inFlight--
        if (calls % 5 === 0) throw new Error('boom')
        return 'ok'
      },
      { samples: 20, concurrency: 4, warmup: 3 },
    )
    expect(calls).toBe(23)
    expect(peak).toBe(4)
    expect(load.samples).toHaveLength(20)
    expect(load.samples.filter((s) => s.error).length).toBeGreaterThan(0)
  })
})
