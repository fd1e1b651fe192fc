import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { casesInSubset, readSubset, selectSubset, writeSubset, type EvalCase } from '../../../src/cases/index.js'
import { caseError, useTempDir } from './temp.js'

const tmp = useTempDir()

const cases: EvalCase[] = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, input: `q${i}`, category: i % 2 === 0 ? 'even' : 'odd', critical: i === 5 }))

describe('writeSubset / readSubset', () => {
  it('round-trips a selection as sorted, pretty JSON', async () => {
    const result = selectSubset(cases, { c2: { passes: [true, false] } }, { budget: { cases: 4 }, seed: 11 })
    const file = tmp.path('subsets/smoke.json')
    const written = await writeSubset(file, result, { source: 'evals/cases.jsonl' })
    const text = await readFile(file, 'utf8')
    expect(text.endsWith('}\n')).toBe(true)
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['budget', 'ids', 'reasons', 'seed', 'source', 'version'])
    const read = await readSubset(file)
    expect(read).toEqual(written)
    expect(read).toMatchObject({ version: 1, seed: 11, budget: { cases: 4 }, source: 'evals/cases.jsonl' })
    expect(read.ids).toEqual(result.cases.map((c) => c.id))
    expect(read.reasons.c5).toBe('critical')
    expect(read.reasons.c2).toBe('flipped')
    expect(casesInSubset(cases, read).cases).toEqual(result.cases)
  })

  it('casesInSubset reports ids that no case has', () => {
    expect(casesInSubset(cases, { ids: ['c1', 'gone', 'c0'] })).toEqual({ cases: [cases[0], cases[1]], missing: ['gone'] })
  })

  it('reports every problem with line and field', async () => {
    const text = ['{', '  "version": 2,', '  "seed": null,', '  "budget": { "cases": "ten" },', '  "ids": ["a", "a", 3],', '  "reasons": {', '    "a": "vibes",', '    "z": "critical"', '  }', '}', ''].join('\n')
    const file = await tmp.write('subset.json', text)
    const error = await caseError(readSubset(file))
    expect(error.message.split('\n').slice(1)).toEqual([
      `  - ${file}:2: field "version" must be 1, got 2`,
      `  - ${file}:3: field "seed" must be a string or number, got null`,
      `  - ${file}:4: field "budget.cases" must be a number >= 0, got string`,
      `  - ${file}:5: field "ids[1]" repeats id "a"`,
      `  - ${file}:5: field "ids[2]" must be a non-empty string, got number`,
      `  - ${file}:7: field "reasons.a" must be one of critical, flipped, near-threshold, recent-failure, stratified, got "vibes"`,
      `  - ${file}:8: field "reasons.z" names an id that is not in "ids"`,
    ])
  })

  it('missing reasons, bad JSON, empty and missing files', async () => {
    const noReason = await tmp.write('a.json', JSON.stringify({ version: 1, seed: 's', budget: { minutes: 5 }, ids: ['x'], reasons: {} }, null, 2))
    await expect(readSubset(noReason)).rejects.toThrow(`${noReason}:10: field "reasons" has no reason for id "x"`)
    const broken = await tmp.write('b.json', '{\n  "version": 1,\n  "ids": [\n}\n')
    await expect(readSubset(broken)).rejects.toThrow(`${broken}:4: invalid JSON:`)
    const empty = await tmp.write('c.json', '')
    await expect(readSubset(empty)).rejects.toThrow(`${empty}: file is empty`)
    const array = await tmp.write('d.json', '[]')
    await expect(readSubset(array)).rejects.toThrow(`${array}:1: a subset file must be a JSON object, got array`)
    await expect(readSubset(tmp.path('none.json'))).rejects.toThrow(`${tmp.path('none.json')}: file not found`)
  })
})
