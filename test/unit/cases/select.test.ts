import { describe, expect, it } from 'vitest'
import { selectSubset, type CaseHistory, type EvalCase } from '../../../src/cases/index.js'

/** `n` cases per category, ids `<category>-<i>`. */
function makeCases(sizes: Record<string, number>, extra: (id: string) => Partial<EvalCase> = () => ({})): EvalCase[] {
  return Object.entries(sizes).flatMap(([category, n]) =>
    Array.from({ length: n }, (_, i) => ({ id: `${category}-${i}`, input: `q ${category} ${i}`, category, ...extra(`${category}-${i}`) })),
  )
}

const cases = makeCases({ math: 60, code: 30, chat: 10 }, (id) => (id === 'chat-3' || id === 'code-7' ? { critical: true } : {}))
const history: CaseHistory = {
  'math-1': { passes: [true, false, true] },
  'math-2': { scores: [0.9, 0.74], threshold: 0.7 },
  'math-3': { passes: [false, false] },
  'math-4': { scores: [0.95, 0.96], threshold: 0.7, passes: [true, true] },
  'code-1': { scores: [0.5, 0.8], threshold: 0.7 },
  'code-2': { scores: [0.2], threshold: 0.7 },
}

describe('selectSubset', () => {
  it('always keeps critical cases, then sensitive ones, then fills by category', () => {
    const result = selectSubset(cases, history, { budget: { cases: 20 }, seed: 1 })
    expect(result.cases).toHaveLength(20)
    expect(result.reasons['chat-3']).toBe('critical')
    expect(result.reasons['code-7']).toBe('critical')
    expect(result.reasons['math-1']).toBe('flipped')
    expect(result.reasons['code-1']).toBe('flipped') // derived verdicts 0.5 < 0.7 <= 0.8
    expect(result.reasons['math-2']).toBe('near-threshold')
    expect(result.reasons['math-3']).toBe('recent-failure')
    expect(result.reasons['code-2']).toBe('recent-failure')
    expect(result.reasons['math-4']).toBeUndefined()
    expect(Object.values(result.reasons).filter((r) => r === 'stratified')).toHaveLength(13)
    expect(result.overBudget).toBe(false)
    expect(result.warnings).toEqual([])
    expect(result.byCategory).toEqual({ math: 12, code: 6, chat: 2 })
    expect(result.estimatedMinutes).toBeCloseTo(20 / 60)
  })

  it('keeps the original order of the cases', () => {
    const result = selectSubset(cases, history, { budget: { cases: 30 }, seed: 9 })
    const positions = result.cases.map((c) => cases.indexOf(c))
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
  })

  it('gives every category a seat and shares the rest proportionally', () => {
    const plain = makeCases({ big: 90, mid: 9, small: 1 })
    expect(selectSubset(plain, {}, { budget: { cases: 10 }, seed: 3 }).byCategory).toEqual({ big: 8, mid: 1, small: 1 })
    expect(selectSubset(plain, {}, { budget: { cases: 100 }, seed: 3 }).cases).toHaveLength(100)
  })

  it('is deterministic; another seed changes only the stratified part', () => {
    const options = { budget: { cases: 25 }, seed: 'a' }
    const one = selectSubset(cases, history, options)
    expect(selectSubset(cases, history, options)).toEqual(one)
    expect(selectSubset([...cases], { ...history }, { ...options })).toEqual(one)
    const other = selectSubset(cases, history, { ...options, seed: 'b' })
    const fixed = (r: typeof one): Record<string, string> => Object.fromEntries(Object.entries(r.reasons).filter(([, reason]) => reason !== 'stratified'))
    expect(fixed(other)).toEqual(fixed(one))
    expect(other.byCategory).toEqual(one.byCategory)
    expect(other.cases.map((c) => c.id)).not.toEqual(one.cases.map((c) => c.id))
  })

  it('respects a minutes budget using latencies (median for unknown ones) and concurrency', () => {
    const timed = makeCases({ a: 10, b: 10 })
    const latencies: CaseHistory = Object.fromEntries(timed.map((c, i) => [c.id, i < 5 ? { meanLatencyMs: 6_000 } : {}]))
    // Known latencies are all 6 s, so unknown cases count 6 s too: 10 cases per minute.
    const result = selectSubset(timed, latencies, { budget: { minutes: 1 }, seed: 1 })
    expect(result.cases).toHaveLength(10)
    expect(result.estimatedMinutes).toBeCloseTo(1)
    const parallel = selectSubset(timed, latencies, { budget: { minutes: 0.5 }, seed: 1, concurrency: 4 })
    expect(parallel.cases).toHaveLength(20)
    expect(parallel.estimatedMinutes).toBeCloseTo(0.5)
    const noLatency = selectSubset(timed, {}, { budget: { minutes: 0.1 }, seed: 1 })
    expect(noLatency.cases).toHaveLength(6) // default 1 s per case
    const both = selectSubset(timed, {}, { budget: { minutes: 1, cases: 4 }, seed: 1 })
    expect(both.cases).toHaveLength(4)
  })

  it('skips slow cases that do not fit and takes faster ones', () => {
    const timed = makeCases({ a: 4 })
    const latencies: CaseHistory = { 'a-0': { meanLatencyMs: 50_000 }, 'a-1': { meanLatencyMs: 50_000 }, 'a-2': { meanLatencyMs: 5_000 }, 'a-3': { meanLatencyMs: 5_000 } }
    const result = selectSubset(timed, latencies, { budget: { minutes: 1 }, seed: 5 })
    expect(result.estimatedMinutes).toBeLessThanOrEqual(1)
    expect(result.cases.length).toBeGreaterThanOrEqual(2)
  })

  it('includes every critical case even over budget, and says so', () => {
    const result = selectSubset(cases, history, { budget: { cases: 1 }, seed: 1 })
    expect(result.cases.map((c) => c.id)).toEqual(['code-7', 'chat-3'])
    expect(result.overBudget).toBe(true)
    expect(result.warnings[0]).toBe('critical cases alone (2, ~0.03 min) exceed the budget (1 cases); all of them are included')
    expect(result.warnings[1]).toBe('5 sensitive cases (flipped, near-threshold, recent-failure) did not fit the budget and were left out')
  })

  it('ranks sensitive cases when the budget is tight: flipped (most flips), then nearest the threshold, then latest failure', () => {
    const sensitive = makeCases({ s: 6 })
    const tight: CaseHistory = {
      's-0': { passes: [true, false] },
      's-1': { passes: [true, false, true, false] },
      's-2': { scores: [0.65], threshold: 0.7 },
      's-3': { scores: [0.71], threshold: 0.7 },
      's-4': { passes: [false], lastFailedAt: '2024-01-01T00:00:00Z' },
      's-5': { passes: [false], lastFailedAt: '2025-01-01T00:00:00Z' },
    }
    const pick = (n: number): string[] => Object.keys(selectSubset(sensitive, tight, { budget: { cases: n }, seed: 1 }).reasons)
    expect(pick(1)).toEqual(['s-1'])
    expect(pick(3)).toEqual(['s-1', 's-0', 's-3'])
    expect(pick(5)).toEqual(['s-1', 's-0', 's-3', 's-2', 's-5'])
    const required = selectSubset(sensitive, tight, { budget: { cases: 2 }, seed: 1, requireSensitive: true })
    expect(required.cases).toHaveLength(6)
    expect(required.overBudget).toBe(true)
  })

  it('supports nearThreshold, a default threshold and failedSince', () => {
    const few = makeCases({ n: 3 })
    const h: CaseHistory = { 'n-0': { scores: [0.5] }, 'n-1': { scores: [0.9], lastFailedAt: Date.UTC(2025, 5, 1) }, 'n-2': { scores: [0.75], threshold: 0.6 } }
    const r = selectSubset(few, h, { budget: { cases: 3 }, seed: 1, threshold: 0.55, nearThreshold: 0.15, failedSince: '2025-01-01' })
    expect(r.reasons).toEqual({ 'n-0': 'near-threshold', 'n-1': 'recent-failure', 'n-2': 'near-threshold' })
  })

  it('rejects bad budgets, duplicate ids and malformed history with the field', () => {
    expect(() => selectSubset(cases, {}, { budget: {}, seed: 1 })).toThrow('budget needs "cases", "minutes" or both')
    expect(() => selectSubset(cases, {}, { budget: { cases: -1 }, seed: 1 })).toThrow('budget.cases must be an integer >= 0, got -1')
    expect(() => selectSubset([...cases, cases[0]!], {}, { budget: { cases: 1 }, seed: 1 })).toThrow('case id "math-0" appears more than once')
    const bad = { 'math-1': { scores: [0.5, 'x'] } } as unknown as CaseHistory
    expect(() => selectSubset(cases, bad, { budget: { cases: 1 }, seed: 1 })).toThrow('history["math-1"].scores[1] must be a finite number, got string')
    const badDate = { 'a b': { lastFailedAt: 'yesterday' } }
    expect(() => selectSubset(cases, badDate, { budget: { cases: 1 }, seed: 1 })).toThrow('history["a b"].lastFailedAt must be epoch milliseconds or a date string, got "yesterday"')
  })

  it('accepts history as a Map', () => {
    const result = selectSubset(cases, new Map([['math-1', { passes: [false, true] }]]), { budget: { cases: 5 }, seed: 1 })
    expect(result.reasons['math-1']).toBe('flipped')
  })
})
