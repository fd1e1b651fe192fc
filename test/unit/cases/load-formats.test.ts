import { describe, expect, it } from 'vitest'
import { loadCases, type EvalCase } from '../../../src/cases/index.js'
import { jsonl, useTempDir } from './temp.js'

const tmp = useTempDir()

describe('loadCases: JSONL', () => {
  it('reads every field, skips blank lines and keeps other fields as metadata', async () => {
    const file = await tmp.write(
      'cases.jsonl',
      [
        JSON.stringify({ id: 'a', input: 'What is 2+2?', expected: '4', category: 'math', tags: ['smoke'], weight: 2, critical: true, owner: 'ml' }),
        '',
        '   ',
        JSON.stringify({ id: 7, input: { question: 'hi' }, rubric: ['polite', { criterion: 'short', weight: 0.5, critical: false }] }),
      ].join('\n') + '\n',
    )
    const cases = await loadCases(file)
    expect(cases).toEqual([
      { id: 'a', input: 'What is 2+2?', expected: '4', category: 'math', tags: ['smoke'], weight: 2, critical: true, metadata: { owner: 'ml' }, source: { file, line: 1 } },
      { id: '7', input: { question: 'hi' }, rubric: ['polite', { criterion: 'short', weight: 0.5, critical: false }], metadata: {}, source: { file, line: 4 } },
    ])
  })

  it('reads .ndjson, CRLF line endings and a byte-order mark', async () => {
    const file = await tmp.write('cases.ndjson', '\uFEFF{"id":"a","input":"x"}\r\n{"id":"b","input":"y"}\r\n')
    expect((await loadCases(file)).map((c) => c.id)).toEqual(['a', 'b'])
  })

  it('merges an explicit metadata object with unknown fields', async () => {
    const file = await tmp.write('cases.jsonl', jsonl([{ id: 'a', input: 'x', metadata: { team: 'search' }, locale: 'fr' }]))
    expect((await loadCases(file))[0]?.metadata).toEqual({ team: 'search', locale: 'fr' })
  })

  it('keeps expected as any JSON value, null included', async () => {
    const file = await tmp.write('cases.jsonl', jsonl([{ id: 'a', input: 'x', expected: null }, { id: 'b', input: 'y', expected: { n: [1, 2] } }]))
    expect((await loadCases(file)).map((c) => c.expected)).toEqual([null, { n: [1, 2] }])
  })

  it('generates ids from the line or from the input hash when asked', async () => {
    const file = await tmp.write('cases.jsonl', '\n' + jsonl([{ input: 'x' }, { input: 'y', id: 'kept' }]))
    expect((await loadCases(file, { idFrom: 'line' })).map((c) => c.id)).toEqual(['line-2', 'kept'])
    const hashed = await loadCases(file, { idFrom: 'hash' })
    expect(hashed[0]?.id).toMatch(/^[0-9a-f]{12}$/)
    expect((await loadCases(file, { idFrom: 'hash' }))[0]?.id).toBe(hashed[0]?.id)
  })

  it('types cases through the generics', async () => {
    const file = await tmp.write('cases.jsonl', jsonl([{ id: 'a', input: { question: 'q' }, expected: 'yes' }]))
    const cases: Array<EvalCase<{ question: string }, string>> = await loadCases<{ question: string }, string>(file)
    expect(cases[0]?.input.question).toBe('q')
  })
})

describe('loadCases: JSON', () => {
  it('reads an array of cases', async () => {
    const file = await tmp.write('cases.json', JSON.stringify([{ id: 'a', input: 'x' }, { id: 'b', input: 'y', category: 'c' }], null, 2))
    const cases = await loadCases(file)
    expect(cases.map((c) => [c.id, c.category, c.source?.line])).toEqual([
      ['a', undefined, 2],
      ['b', 'c', 6],
    ])
  })

  it('reads { cases: [...] } and ignores other top-level keys', async () => {
    const file = await tmp.write('set.json', JSON.stringify({ name: 'smoke', cases: [{ id: 1, input: 'x', tags: ['t'] }] }))
    expect(await loadCases(file)).toEqual([{ id: '1', input: 'x', tags: ['t'], metadata: {}, source: { file, line: 1 } }])
  })

  it('honours options.format over the extension', async () => {
    const file = await tmp.write('cases.txt', jsonl([{ id: 'a', input: 'x' }]))
    expect(await loadCases(file, { format: 'jsonl' })).toHaveLength(1)
  })
})

describe('loadCases: CSV', () => {
  it('converts known columns and keeps unknown ones as metadata', async () => {
    const file = await tmp.write(
      'cases.csv',
      [
        'id,input,expected,category,tags,weight,critical,rubric,owner',
        'a,What is 2+2?,4,math,smoke;fast,2,true,correct;short,ml',
        'b,"{""q"":1}","[1,2]",,"[""x"",""y""]",,0,,',
        'c,[INST] keep me as text,,,,,FALSE,"[{""criterion"":""polite"",""weight"":2}]",',
      ].join('\n') + '\n',
    )
    const cases = await loadCases(file)
    expect(cases).toEqual([
      { id: 'a', input: 'What is 2+2?', expected: '4', category: 'math', tags: ['smoke', 'fast'], weight: 2, critical: true, rubric: ['correct', 'short'], metadata: { owner: 'ml' }, source: { file, line: 2 } },
      { id: 'b', input: { q: 1 }, expected: [1, 2], tags: ['x', 'y'], critical: false, metadata: {}, source: { file, line: 3 } },
      { id: 'c', input: '[INST] keep me as text', critical: false, rubric: [{ criterion: 'polite', weight: 2 }], metadata: {}, source: { file, line: 4 } },
    ])
  })

  it('handles quoted cells with commas, doubled quotes and newlines, and counts lines across them', async () => {
    const file = await tmp.write(
      'cases.csv',
      'id,input\r\n' + '1,"Hello, ""world"""\r\n' + '2,"line one\r\nline two\r\n\r\nline four"\r\n' + '\r\n' + '3,plain\r\n',
    )
    const cases = await loadCases(file)
    expect(cases.map((c) => [c.id, c.input, c.source?.line])).toEqual([
      ['1', 'Hello, "world"', 2],
      ['2', 'line one\nline two\n\nline four', 3],
      ['3', 'plain', 8],
    ])
  })

  it('reports the line where a multi-line record starts', async () => {
    const file = await tmp.write('cases.csv', 'id,input,weight\n1,"a\nb\nc",1\n2,x,heavy\n')
    await expect(loadCases(file)).rejects.toThrow(`${file}:5: field "weight" must be a number, got "heavy"`)
  })
})
