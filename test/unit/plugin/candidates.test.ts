import { describe, expect, test } from 'vitest'
import { candidatesConfig } from '../../../src/plugin/candidates.js'
import { assertBlind, buildPairwise, pairwiseCsv, winRates } from '../../../src/compare/pairwise.js'
import type { CompareReport } from '../../../src/compare/report.js'

const candidates = { current: { baseURL: 'http://a/v1', model: 'm-a' }, fast: { baseURL: 'http://b/v1', model: 'm-b' } }

describe('candidate projects', () => {
  test('one inline project per candidate, inheriting the root config', () => {
    expect(candidatesConfig(candidates, {})).toEqual({ test: { projects: [{ extends: true, test: { name: 'current' } }, { extends: true, test: { name: 'fast' } }] } })
  })
  test('nothing inside a candidate project (Vitest 4 re-loads the config for each) or without candidates', () => {
    expect(candidatesConfig(candidates, { test: { name: 'fast' } })).toBeUndefined()
    expect(candidatesConfig(undefined, { test: { projects: [] } })).toBeUndefined()
  })
  test('a user test.projects cannot be combined (start-up error naming both)', () => {
    expect(() => candidatesConfig(candidates, { test: { projects: ['a'] } })).toThrow('the "candidates" option runs one Vitest project per candidate and cannot be combined with test.projects')
  })
})

describe('blind pairwise rows', () => {
  const report = {
    version: 1,
    reference: 'current',
    candidates: [{ name: 'current', model: 'm-a' }, { name: 'fast', model: 'm-b' }],
    cases: [
      { id: 'c1', input: 'ask fast a thing', results: { current: { outputs: ['I am m-a, here'] }, fast: { outputs: ['FAST says hi'] } } },
      { id: 'c2', results: { current: { outputs: ['x'] }, fast: { outputs: [] } } },
    ],
  } as unknown as CompareReport
  test('names are masked everywhere, the key is separate, the order is seeded', () => {
    const { rows, key } = buildPairwise(report, { seed: 3, criteria: 'better?', models: { current: 'm-a', fast: 'm-b' } })
    expect(rows).toHaveLength(1)
    expect(rows[0]!.input).toBe('ask [model] a thing')
    expect([rows[0]!.a, rows[0]!.b].sort()).toEqual(['I am [model], here', '[model] says hi'])
    expect(() => assertBlind({ 'x.csv': pairwiseCsv(rows) }, ['current', 'fast', 'm-a', 'm-b'])).not.toThrow()
    expect(buildPairwise(report, { seed: 3, criteria: 'better?', models: {} }).key).toEqual(key)
    expect(() => assertBlind({ 'x.csv': 'fast' }, ['fast'])).toThrow('x.csv would contain the name "fast"; nothing was written')
  })
  test('win rates count ties as half, with a Wilson interval', () => {
    const key = { version: 1 as const, seed: 0, rows: { r1: { case: 'c1', a: 'x', b: 'y' }, r2: { case: 'c2', a: 'y', b: 'x' }, r3: { case: 'c3', a: 'x', b: 'y' } } }
    const w = winRates({ r1: 'A', r2: 'A', r3: 'tie' }, key)
    expect(w.map((r) => [r.candidate, r.wins, r.ties, r.losses, r.rate])).toEqual([['x', 1, 1, 1, 0.5], ['y', 1, 1, 1, 0.5]])
    expect(w[0]!.ci[0]).toBeLessThan(0.5)
    expect(() => winRates({ r9: 'A' }, key)).toThrow('row r9 is not in the key')
  })
})
