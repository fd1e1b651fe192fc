import { describe, expect, test } from 'vitest'
import { decide, metricScore, thresholdProblems, type DecisionCandidate } from '../../../src/compare/decision.js'
import { costFigures, qualityPerDollar } from '../../../src/compare/cost.js'
import { compareMetric, headToHead } from '../../../src/compare/head-to-head.js'
import { resolveOptions } from '../../../src/plugin/options.js'

const cand = (name: string, values: DecisionCandidate['values'], extra: Partial<DecisionCandidate> = {}): DecisionCandidate => ({ name, values, metrics: ['accuracy'], ...extra })
const dims = { accuracy: { weight: 0.5, metrics: ['accuracy'] }, efficiency: { weight: 0.5, metrics: ['latency.p95'] } }

describe('decision engine', () => {
  test('metric scores follow the documented formulas', () => {
    const a = cand('a', { accuracy: 0.8, 'latency.p95': 200, tokensPerSecond: 50, 'failures.rate': 0.02 })
    const b = cand('b', { accuracy: 0.9, 'latency.p95': 100, tokensPerSecond: 100, 'failures.rate': 0 })
    expect(metricScore('accuracy', a, [a, b])).toBeCloseTo(8, 12)
    expect(metricScore('latency.p95', a, [a, b])).toBeCloseTo(5, 12) // 10 × 100 / 200
    expect(metricScore('tokensPerSecond', a, [a, b])).toBeCloseTo(5, 12) // 10 × 50 / 100
    expect(metricScore('failures.rate', a, [a, b])).toBeCloseTo(8, 12) // 10 × (1 − 10 × 0.02)
    expect(metricScore('ttft.p95', a, [a, b])).toBeNull()
  })

  test('weighted totals and the decision line: a clear win', () => {
    // a: (0.5 × 8 + 0.5 × 5) = 6.5; b: (0.5 × 9 + 0.5 × 10) = 9.5
    const d = decide({ reference: 'a', candidates: [cand('a', { accuracy: 0.8, 'latency.p95': 200, 'cost.per1k': 3 }), cand('b', { accuracy: 0.9, 'latency.p95': 100, 'cost.per1k': 1 })], thresholds: {}, dimensions: dims, tieWithin: 0.3 })
    expect(d.table.map((t) => t.total)).toEqual([6.5, 9.5])
    expect(d.choice).toBe('b')
    expect(d.line).toBe('choose b: meets every threshold, 9.5 vs 6.5 (a); 3.0× cheaper per 1,000 requests than a')
  })

  test('thresholds disqualify, ratios read the reference, missing data disqualifies rather than passes', () => {
    const ref = cand('ref', { accuracy: 0.9, 'ttft.p95': 300 })
    expect(thresholdProblems(cand('x', { accuracy: 0.6, 'ttft.p95': 600 }), ref, { 'ttft.p95': { max: 500 }, accuracy: { minRatio: 0.7 } })).toEqual(['ttft.p95 600 > max 500', "accuracy 0.6 is 0.667× the reference's 0.9 < minRatio 0.7"])
    expect(thresholdProblems(cand('x', { accuracy: 0.9 }), ref, { 'failures.catastrophic': { maxRate: 0.005 } })).toEqual(['failures.catastrophic: no data'])
    expect(thresholdProblems(cand('x', { 'failures.catastrophic': 0.01 }), ref, { 'failures.catastrophic': { maxRate: 0.005 } })).toEqual(['failures.catastrophic rate 0.01 > maxRate 0.005'])
    const d = decide({ reference: 'ref', candidates: [cand('ref', { accuracy: 0.5, 'latency.p95': 100 }), cand('x', { accuracy: 0.9, 'latency.p95': 600 })], thresholds: { 'latency.p95': { max: 500 } }, dimensions: dims, tieWithin: 0.3 })
    expect(d.choice).toBe('ref')
    expect(d.line).toContain('(x disqualified: latency.p95 600 > max 500)')
  })

  test('virtual ties: prefer breaks them, without prefer the reference is kept', () => {
    const cs = [cand('ref', { accuracy: 0.9, 'latency.p95': 100, 'failures.rate': 0.01, 'cost.per1k': 2 }), cand('x', { accuracy: 0.92, 'latency.p95': 100, 'failures.rate': 0, 'cost.per1k': 1 })]
    const base = { reference: 'ref', candidates: cs, thresholds: {}, dimensions: dims, tieWithin: 0.3 }
    expect(decide(base)).toMatchObject({ choice: 'ref', tie: true })
    expect(decide({ ...base, prefer: 'cost' })).toMatchObject({ choice: 'x', tie: true })
    expect(decide({ ...base, prefer: 'failures' }).choice).toBe('x')
    expect(decide({ ...base, tieWithin: 0 }).choice).toBe('x')
  })

  test('a dimension without data is said and left out of the total, never zeroed; a failed candidate cannot win', () => {
    const d = decide({ reference: 'a', candidates: [cand('a', { accuracy: 0.8 }), cand('b', {}, { failed: 'every model call failed (3); connection: refused' })], thresholds: {}, dimensions: dims, tieWithin: 0.3 })
    expect(d.table[0]).toMatchObject({ dimensions: { accuracy: 8, efficiency: null }, missing: ['efficiency: latency.p95'], total: 8 })
    expect(d.choice).toBe('a')
    expect(d.line).toBe('choose a: meets every threshold, 8.0 vs n/a (b) (b failed: every model call failed (3); connection: refused)')
  })
})

describe('cost', () => {
  const call = (ok: boolean, totalMs: number, p: number | null, c: number | null) => ({ ok, totalMs, promptTokens: p, completionTokens: c })
  test('token pricing counts failed and retried calls; per success divides by successful outputs', () => {
    // 3 calls: (100 × 2 + 50 × 8) / 1e6 = 0.0006 each for two, the failed one has no usage → 0.0012 total.
    const f = costFigures([call(true, 10, 100, 50), call(true, 10, 100, 50), call(false, 10, null, null)], 1, { input: 2, output: 8 })
    expect(f.evalSetUsd).toBeCloseTo(0.0012, 15)
    expect(f.per1kRequestsUsd).toBeCloseTo(0.4, 12)
    expect(f.perSuccessUsd).toBeCloseTo(0.0012, 15)
  })
  test('hourly pricing divides by the measured throughput', () => {
    // 2 calls of 1.8 s, 90 completion tokens each: 50 tok/s; $2.5/h × 3.6 s / 3600 s = $0.0025.
    const f = costFigures([call(true, 1800, 10, 90), call(true, 1800, 10, 90)], 2, { hourly: 2.5 })
    expect(f.throughputTps).toBeCloseTo(50, 12)
    expect(f.evalSetUsd).toBeCloseTo(0.0025, 15)
    expect(f.per1kRequestsUsd).toBeCloseTo(1.25, 12)
    expect(f.perSuccessUsd).toBeCloseTo(0.00125, 15)
  })
  test('no pricing, or no success, is said (null with a reason), never a zero cost', () => {
    expect(costFigures([call(true, 1, 1, 1)], 1, undefined)).toMatchObject({ evalSetUsd: null, missing: 'no pricing configured' })
    expect(costFigures([call(false, 1, null, null)], 0, { input: 1, output: 1 })).toMatchObject({ evalSetUsd: 0, perSuccessUsd: null })
    expect(qualityPerDollar(0.9, 0.45)).toBeCloseTo(2, 12)
    expect(qualityPerDollar(0.9, null)).toBeNull()
  })
})

describe('head to head', () => {
  test('0/1 metrics use the sign test, continuous ones paired t; verdicts in both directions', () => {
    const ref = Array.from({ length: 20 }, () => 1)
    const worse = ref.map((_, i) => (i < 8 ? 0 : 1))
    const r = compareMetric('pass', ref, worse, 0.05, 0.02)!
    expect(r).toMatchObject({ method: 'sign', verdict: 'worse', n: 20 })
    expect(r.p).toBeCloseTo(2 / 256, 12) // 8 regressions, 0 fixes: one-sided 1/256
    expect(compareMetric('pass', worse, ref, 0.05, 0.02)!.verdict).toBe('better')
    const t = compareMetric('rel', [0.5, 0.6, 0.7, 0.8], [0.5, 0.61, 0.69, 0.8], 0.05, 0.02)!
    expect(t).toMatchObject({ method: 't', verdict: 'tie' })
  })
  test('per category and the underperforming cases, worst first', () => {
    const h = headToHead('x', 'ref', [
      { id: 'c1', category: 'a', reference: { pass: 1, acc: 1 }, candidate: { pass: 1, acc: 0.5 } },
      { id: 'c2', category: 'b', reference: { pass: 1, acc: 1 }, candidate: { pass: 0, acc: 0 } },
      { id: 'c3', category: 'b', reference: { pass: 1, acc: 0.5 }, candidate: { pass: 1, acc: 1 } },
    ], { alpha: 0.05, margin: 0.02, categoryMetric: 'acc', worstCases: 10 })
    expect(h.underperforming).toEqual([
      { id: 'c2', category: 'b', metric: 'acc', reference: 1, candidate: 0, delta: -1 },
      { id: 'c1', category: 'a', metric: 'acc', reference: 1, candidate: 0.5, delta: -0.5 },
    ])
    expect(h.categories.map((c) => [c.category, c.n])).toEqual([['a', 1], ['b', 2]])
  })
})

describe('options', () => {
  const candidates = { a: { baseURL: 'http://x/v1', model: 'm' }, b: { baseURL: 'http://y/v1', model: 'n' } }
  test('defaults, and errors that name the option', () => {
    expect(resolveOptions({ candidates }).compare).toMatchObject({ reference: 'a', tieWithin: 0.3, metric: 'pass' })
    expect(() => resolveOptions({ candidates, compare: { reference: 'zz' } })).toThrow('option "compare.reference" names "zz", which is not a candidate (candidates: a, b)')
    expect(() => resolveOptions({ candidates, compare: { prefer: 'speed' } })).toThrow('option "compare.prefer" must be one of "latency", "failures", "cost"')
    expect(() => resolveOptions({ candidates: { a: { ...candidates.a, temprature: 0 } } as never })).toThrow('unknown option "candidates.a.temprature"')
    expect(() => resolveOptions({ compare: {} })).toThrow('option "compare" needs "candidates"')
  })
})
