import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { caseIdOfKey, historyFromRuns } from '../../../src/cli/history.js'
import { readSubset } from '../../../src/cases/index.js'
import { baseline, jsonl, useCli } from './helpers.js'

const { cli, write, cwd } = useCli()

const categories = ['billing', 'bug', 'account', 'feature']
const cases = Array.from({ length: 24 }, (_, i) => ({
  id: `case-${String(i).padStart(2, '0')}`,
  input: `ticket ${i}`,
  category: categories[i % 4],
  ...(i === 3 || i === 17 ? { critical: true } : {}),
}))

describe('evalgate select', () => {
  test('deterministic: same inputs and seed give the same file; critical and flipped cases are kept', async () => {
    await write('evals/cases.jsonl', jsonl(cases))
    // Two baseline runs (oldest first): case-05 flips from pass to fail, case-11 from fail to pass.
    await write('runs/1/evals/a.eval.ts.json', baseline({ 'classify > case-05': { pass: 1 }, 'classify > case-11': { pass: 0 }, 'classify > case-12': { pass: 1 } }))
    await write('runs/2/evals/a.eval.ts.json', baseline({ 'classify > case-05': { pass: 0 }, 'classify > case-11': { pass: 1 }, 'classify > case-12': { pass: 1 } }))
    const args = ['select', 'evals/cases.jsonl', '--budget-cases', '8', '--baselines', 'runs/1', '--baselines', 'runs/2', '--seed', '7']
    const first = await cli(...args, '--out', 'evals/subset.json')
    expect(first.code, first.err).toBe(0)
    expect(first.out).toContain('selected 8 of 24 cases')
    expect(first.out).toContain('critical 2, flipped 2, stratified 4')
    expect(first.out).toContain('wrote evals/subset.json')
    const text = await readFile(join(cwd(), 'evals/subset.json'), 'utf8')
    const subset = await readSubset(join(cwd(), 'evals/subset.json'))
    expect(subset).toMatchObject({ version: 1, seed: 7, budget: { cases: 8 }, source: 'evals/cases.jsonl' })
    expect(subset.reasons).toMatchObject({ 'case-03': 'critical', 'case-17': 'critical', 'case-05': 'flipped', 'case-11': 'flipped' })
    expect([undefined, 'stratified']).toContain(subset.reasons['case-12']) // stable history: no special reason

    const again = await cli(...args, '--out', 'evals/subset.json')
    expect(again.code).toBe(0)
    expect(await readFile(join(cwd(), 'evals/subset.json'), 'utf8')).toBe(text)
    const stdout = await cli(...args)
    expect(`${stdout.out}\n`).toBe(text)
    expect(stdout.err).toContain('selected 8 of 24 cases')

    const otherSeed = await readSubset(join(cwd(), 'evals/subset.json')).then(async () => {
      await cli('select', 'evals/cases.jsonl', '--budget-cases', '8', '--baselines', 'runs/1', '--baselines', 'runs/2', '--seed', '8', '--out', 'evals/other.json')
      return readSubset(join(cwd(), 'evals/other.json'))
    })
    const fixed = (s: typeof subset) => Object.keys(s.reasons).filter((id) => s.reasons[id] !== 'stratified').sort()
    expect(fixed(otherSeed)).toEqual(fixed(subset))
  })

  test('critical cases are kept even over budget, with a warning', async () => {
    await write('cases.jsonl', jsonl(cases))
    const run = await cli('select', 'cases.jsonl', '--budget-cases', '1', '--out', 'subset.json')
    expect(run.code).toBe(0)
    expect(run.err).toContain('warning: critical cases alone (2')
    expect((await readSubset(join(cwd(), 'subset.json'))).ids).toEqual(['case-03', 'case-17'])
    expect(run.out).toContain('history: none (no snapshots/ folder')
  })

  test('snapshots/ is the default history; per-trial flips count with --threshold; time budgets use latencies', async () => {
    await write('cases.jsonl', jsonl(cases.slice(0, 8)))
    await write('snapshots/evals/a.eval.ts.json', baseline({
      "reply > 'case-01'": { pass: 1, score: 0.6, trials: [1, 0.2, 0.6], latencyMs: 30_000 },
      'reply > case-02': { pass: 1, score: 0.9, trials: [0.9, 0.9, 0.9], latencyMs: 30_000 },
      'reply > case-04': { pass: 1, score: 1, latencyMs: 30_000 },
    }))
    const run = await cli('select', 'cases.jsonl', '--budget-minutes', '2', '--threshold', '0.5', '--out', 'subset.json')
    expect(run.code, run.err).toBe(0)
    expect(run.out).toContain('history: 3 case(s) from 1 baseline folder(s)')
    const subset = await readSubset(join(cwd(), 'subset.json'))
    expect(subset.reasons['case-01']).toBe('flipped')
    expect(subset.reasons['case-03']).toBe('critical')
    expect(subset.ids.length).toBe(4) // 4 × 30 s (median latency for unknown cases) = 2 min
    expect(subset.budget).toEqual({ minutes: 2 })
  })

  test('a missing baselines folder and a malformed case file fail with exit 1', async () => {
    await write('cases.jsonl', jsonl(cases.slice(0, 2)))
    expect(await cli('select', 'cases.jsonl', '--budget-cases', '1', '--baselines', 'gone')).toMatchObject({ code: 1, err: expect.stringContaining('baselines folder not found') })
    await write('bad.jsonl', '{"id":"a","input":"x"}\n{"id":"b","input":\n')
    const bad = await cli('select', 'bad.jsonl', '--budget-cases', '1')
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/bad\.jsonl:2: invalid JSON/)
  })
})

describe('history from baselines', () => {
  test('case ids from baseline keys', () => {
    expect(caseIdOfKey('evals/a.eval.ts::classify > case-1')).toBe('case-1')
    expect(caseIdOfKey("evals/a.eval.ts::[unit] reply > 'case-1'")).toBe('case-1')
    expect(caseIdOfKey('case-1')).toBe('case-1')
  })

  test('flips across runs per test, the most flipped test wins; latencies add up over a case’s tests', () => {
    const run = (entries: Record<string, { pass: number; latencyMs?: number }>) =>
      new Map(Object.entries(entries).map(([k, v]) => [`f::${k}`, { scores: { pass: v.pass }, latencyMs: v.latencyMs ?? null }]))
    const history = historyFromRuns(
      [run({ 'classify > a': { pass: 1, latencyMs: 100 }, 'reply > a': { pass: 0, latencyMs: 300 }, 'classify > b': { pass: 1 } }), run({ 'classify > a': { pass: 0, latencyMs: 200 }, 'reply > a': { pass: 0, latencyMs: 300 }, 'classify > b': { pass: 1 } })],
      ['a', 'b'],
    )
    expect(history).toEqual({
      a: { scores: [1, 0], passes: [true, false], meanLatencyMs: 450 },
      b: { scores: [1, 1], passes: [true, true] },
    })
  })
})
