import { mkdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { CaseFileError, loadCases } from '../../../src/cases/index.js'
import { caseError, jsonl, useTempDir } from './temp.js'

const tmp = useTempDir()

describe('loadCases: validation errors name file, line and field', () => {
  it('malformed JSON line: names the line and the parser message', async () => {
    const file = await tmp.write('cases.jsonl', '{"id":"a","input":"x"}\n{"id":"b", input}\n')
    const error = await caseError(loadCases(file))
    expect(error.errors).toEqual([{ file, line: 2, field: '', message: expect.stringMatching(/^invalid JSON: .+/) as unknown }])
    expect(error.message).toMatch(new RegExp(`^${escape(file)}:2: invalid JSON: `))
  })

  it('missing id and missing input', async () => {
    const file = await tmp.write('cases.jsonl', jsonl([{ id: 'a', input: 'x' }, { input: 'y' }, { id: 'c' }]))
    const error = await caseError(loadCases(file))
    expect(error.message).toContain(`${file}:2: field "id" is required`)
    expect(error.message).toContain(`${file}:3: field "input" is required`)
    expect(error.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'id'],
      [3, 'input'],
    ])
  })

  it('wrong types, down to nested rubric fields', async () => {
    const file = await tmp.write(
      'cases.jsonl',
      jsonl([
        { id: 'a', input: 'x', category: 3 },
        { id: true, input: 5 },
        { id: 'c', input: 'x', tags: ['ok', 2], weight: 0, critical: 'yes' },
        { id: 'd', input: 'x', rubric: ['fine', { criterion: '', weight: -1, wieght: 2 }, 7] },
        { id: 'e', input: 'x', metadata: 'nope' },
        [1, 2],
      ]),
    )
    const error = await caseError(loadCases(file))
    const lines = error.message.split('\n').slice(1).map((line) => line.replace(`  - ${file}`, ''))
    expect(lines).toEqual([
      ':1: field "category" must be a string, got number',
      ':2: field "id" must be a string or number, got boolean',
      ':2: field "input" must be a string, object or array, got number',
      ':3: field "tags[1]" must be a string, got number',
      ':3: field "weight" must be greater than 0, got 0',
      ':3: field "critical" must be a boolean, got string',
      ':4: field "rubric[1].criterion" must not be empty',
      ':4: field "rubric[1].weight" must be a number greater than 0, got -1',
      ':4: field "rubric[1].wieght" is not a rubric field (expected criterion, weight, critical)',
      ':4: field "rubric[2]" must be a string or { criterion, weight?, critical? } object, got number',
      ':5: field "metadata" must be an object, got string',
      ':6: a case must be a JSON object, got array',
    ])
    expect(error.message.split('\n')[0]).toBe(`12 problems in ${file}:`)
  })

  it('duplicate ids name both lines', async () => {
    const file = await tmp.write('cases.jsonl', jsonl([{ id: 'a', input: 'x' }, { id: 'b', input: 'y' }, { id: 'a', input: 'z' }]))
    await expect(loadCases(file)).rejects.toThrow(`${file}:3: field "id" repeats id "a", already used on line 1`)
  })

  it('duplicate ids are found even when the first record has other problems', async () => {
    const file = await tmp.write('cases.jsonl', jsonl([{ id: 1, input: 'x', weight: 'heavy' }, { id: '1', input: 'y' }]))
    const error = await caseError(loadCases(file))
    expect(error.errors.map((e) => `${e.line}:${e.field}`)).toEqual(['1:weight', '2:id'])
  })

  it('JSON files: errors point at the line of the field inside the element', async () => {
    const text = '{\n  "cases": [\n    { "id": "a", "input": "x" },\n    {\n      "id": "b",\n      "input": "y",\n      "weight": "heavy"\n    },\n    { "id": "a", "input": "z" }\n  ]\n}\n'
    const file = await tmp.write('cases.json', text)
    const error = await caseError(loadCases(file))
    expect(error.errors).toEqual([
      { file, line: 7, field: 'weight', message: 'must be a finite number, got string' },
      { file, line: 9, field: 'id', message: 'repeats id "a", already used on line 3' },
    ])
  })

  it('JSON files: a syntax error names its line', async () => {
    const file = await tmp.write('cases.json', '[\n  { "id": "a", "input": "x" },\n  { "id": "b" "input": "y" }\n]\n')
    const error = await caseError(loadCases(file))
    expect(error.errors[0]).toMatchObject({ file, line: 3, field: '' })
    expect(error.message).toMatch(new RegExp(`^${escape(file)}:3: invalid JSON: `))
  })

  it('JSON files: wrong top-level shape', async () => {
    const file = await tmp.write('cases.json', '{ "items": [] }')
    await expect(loadCases(file)).rejects.toThrow(`${file}:1: expected a JSON array of cases or an object with a "cases" array, got an object without "cases"`)
  })

  it('CSV: bad cells, short rows, bad headers and unclosed quotes', async () => {
    const bad = await tmp.write('bad.csv', 'id,input,critical,tags\n1,x,maybe,\n2,y\n3,z,true,"[oops"\n')
    const error = await caseError(loadCases(bad))
    expect(error.message.split('\n').slice(1)).toEqual([
      `  - ${bad}:2: field "critical" must be true, false, 1 or 0, got "maybe"`,
      `  - ${bad}:3: row has 2 cells but the header has 4 columns`,
      expect.stringContaining(`  - ${bad}:4: field "tags" looks like a JSON array but does not parse:`) as unknown,
    ])
    const header = await tmp.write('header.csv', 'id,input,id,\n1,x,2,\n')
    await expect(loadCases(header)).rejects.toThrow(`${header}:1: header column 3 repeats "id" (also column 1)`)
    const quote = await tmp.write('quote.csv', 'id,input\n1,x\n2,"never closed\n3,y\n')
    await expect(loadCases(quote)).rejects.toThrow(`${quote}:3: a quoted cell starting here is never closed`)
  })

  it('empty files in every format', async () => {
    for (const [name, content, message] of [
      ['a.jsonl', '\n  \n', 'file is empty: it holds no cases'],
      ['b.json', '', 'file is empty: expected a JSON array of cases or { "cases": [...] }'],
      ['c.json', '[]', 'file holds no cases (the array is empty)'],
      ['d.csv', '', 'file is empty: expected a header row and one row per case'],
      ['e.csv', 'id,input\n', 'file has a header row but no cases'],
    ] as const) {
      const file = await tmp.write(name, content)
      const error = await caseError(loadCases(file))
      expect(error.errors).toHaveLength(1)
      expect(error.message).toContain(`${file}`)
      expect(error.message).toContain(message)
    }
  })

  it('unknown extension, missing file, folder', async () => {
    await expect(loadCases(tmp.path('cases.yaml'))).rejects.toThrow(`${tmp.path('cases.yaml')}: unknown file extension ".yaml": expected .jsonl, .ndjson, .json or .csv, or pass options.format`)
    await expect(loadCases(tmp.path('cases'))).rejects.toThrow('no file extension')
    await expect(loadCases(tmp.path('missing.jsonl'))).rejects.toThrow(`${tmp.path('missing.jsonl')}: file not found`)
    await mkdir(tmp.path('dir.jsonl'))
    await expect(loadCases(tmp.path('dir.jsonl'))).rejects.toThrow('is not a file')
  })

  it('collects up to maxErrors problems, then stops and says so', async () => {
    const file = await tmp.write('cases.jsonl', jsonl(Array.from({ length: 50 }, (_, i) => ({ id: `c${i}` }))))
    const error = await caseError(loadCases(file))
    expect(error.errors).toHaveLength(20)
    expect(error.truncated).toBe(true)
    expect(error.message.split('\n')[0]).toBe(`20 problems in ${file} (stopped after 20; there may be more):`)
    const three = await caseError(loadCases(file, { maxErrors: 3 }))
    expect(three.errors.map((e) => e.line)).toEqual([1, 2, 3])
  })

  it('the validate hook rejects cases with file and line', async () => {
    const file = await tmp.write('cases.jsonl', jsonl([{ id: 'a', input: 'short' }, { id: 'b', input: 42 }, { id: 'c', input: { q: 1 } }]))
    const validate = (c: { input: unknown }): string | { field: string; message: string } | undefined =>
      typeof c.input === 'object' ? { field: 'input', message: 'must be text for this suite' } : undefined
    const error = await caseError(loadCases(file, { validate }))
    expect(error.message).toBe(
      `2 problems in ${file}:\n  - ${file}:2: field "input" must be a string, object or array, got number\n  - ${file}:3: field "input" must be text for this suite`,
    )
    const plain = await tmp.write('plain.jsonl', jsonl([{ id: 'a', input: 'x' }]))
    await expect(loadCases(plain, { validate: () => 'no thanks' })).rejects.toThrow(`${plain}:1: no thanks`)
  })

  it('CaseFileError is an Error with a name', async () => {
    const error = new CaseFileError([{ file: 'f.jsonl', line: 3, field: 'id', message: 'is required' }])
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('CaseFileError')
    expect(error.message).toBe('f.jsonl:3: field "id" is required')
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
