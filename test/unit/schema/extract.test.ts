import { describe, expect, it } from 'vitest'
import { extractJson } from '../../../src/schema/index.js'
import type { ExtractFailure, ExtractResult, ExtractSuccess } from '../../../src/schema/index.js'

function ok(result: ExtractResult): ExtractSuccess {
  if (!result.ok) throw new Error(`expected JSON, got ${result.reason}: ${result.message}`)
  return result
}

function failed(result: ExtractResult): ExtractFailure {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`)
  return result
}

describe('extractJson: whole text', () => {
  it('parses a whole JSON reply, surrounding whitespace allowed', () => {
    const text = '\n  {"name": "Ada", "tags": ["a", "b"]}\n\n'
    const r = ok(extractJson(text))
    expect(r.value).toEqual({ name: 'Ada', tags: ['a', 'b'] })
    expect(r.source).toBe('whole')
    expect(text.slice(...r.span)).toBe('{"name": "Ada", "tags": ["a", "b"]}')
  })

  it('accepts any JSON value when it is the whole text', () => {
    expect(ok(extractJson('42')).value).toBe(42)
    expect(ok(extractJson('null')).value).toBeNull()
  })

  it('reports empty and whitespace-only output as empty', () => {
    expect(failed(extractJson('')).reason).toBe('empty')
    expect(failed(extractJson(' \n\t')).reason).toBe('empty')
    expect(failed(extractJson('  ', { strict: true })).reason).toBe('empty')
  })
})

describe('extractJson: fenced blocks', () => {
  it('takes a ```json block with prose around it', () => {
    const text = 'Sure! Here is the order:\n\n```json\n{"id": 7, "items": [1, 2]}\n```\n\nLet me know if you need more.'
    const r = ok(extractJson(text))
    expect(r.value).toEqual({ id: 7, items: [1, 2] })
    expect(r.source).toBe('fence')
    expect(text.slice(...r.span)).toBe('{"id": 7, "items": [1, 2]}')
  })

  it('accepts ```JSON and a fence without a language', () => {
    expect(ok(extractJson('Result:\n```JSON\n[1, 2]\n```')).value).toEqual([1, 2])
    const r = ok(extractJson('Result:\n```\n{"a": true}\n```\ndone'))
    expect(r).toMatchObject({ value: { a: true }, source: 'fence' })
  })

  it('skips fences in other languages and unlabelled non-JSON fences', () => {
    const text = '```sh\nnpm i\n```\n```\nplain text\n```\n```json\n{"ok": 1}\n```'
    expect(ok(extractJson(text)).value).toEqual({ ok: 1 })
  })

  it('takes the first json fence that parses', () => {
    const text = '```json\n{"draft": true,}\n```\nFixed:\n```json\n{"draft": false}\n```'
    expect(ok(extractJson(text)).value).toEqual({ draft: false })
  })

  it('reports a broken ```json fence with the parser message and line/column', () => {
    const text = 'Here:\n```json\n{\n  "a": 1,\n}\n```'
    const r = failed(extractJson(text))
    expect(r.reason).toBe('invalid_json_in_fence')
    expect(r.position).toEqual({ offset: text.indexOf('}'), line: 5, column: 1 })
    expect(r.message).toContain('```json block at line 2 is not valid JSON')
    expect(r.message).toContain('(line 5, column 1)')
    expect(r.detail).toMatch(/property name/)
  })

  it('does not fall back to fragments of a broken fence', () => {
    const text = '```json\n{"outer": {"inner": 1}, oops}\n```'
    expect(failed(extractJson(text)).reason).toBe('invalid_json_in_fence')
  })

  it('reads an unclosed fence to the end and says so when it is broken', () => {
    expect(ok(extractJson('```json\n{"a": 1}')).value).toEqual({ a: 1 })
    const r = failed(extractJson('```json\n{"a": [1, 2'))
    expect(r.reason).toBe('invalid_json_in_fence')
    expect(r.message).toContain('never closed')
  })

  it('supports ~~~ fences and CRLF line endings', () => {
    expect(ok(extractJson('~~~json\r\n{"a": 1}\r\n~~~\r\n')).value).toEqual({ a: 1 })
  })
})

describe('extractJson: JSON embedded in prose', () => {
  it('finds an object in prose', () => {
    const text = 'The answer is {"city": "Paris", "population": 2102650} as requested.'
    const r = ok(extractJson(text))
    expect(r).toMatchObject({ value: { city: 'Paris', population: 2102650 }, source: 'embedded' })
    expect(text.slice(...r.span)).toBe('{"city": "Paris", "population": 2102650}')
  })

  it('respects braces, brackets, quotes and escapes inside strings', () => {
    const value = { msg: 'use {curly} and ] or [ freely', quote: 'say "hi" \\ {', n: 1 }
    const text = `Result: ${JSON.stringify(value)} - end }`
    expect(ok(extractJson(text)).value).toEqual(value)
  })

  it('keeps nested arrays whole', () => {
    const text = 'Matrix: [[1, [2, 3]], [], [{"x": [4]}]] (3 rows)'
    expect(ok(extractJson(text)).value).toEqual([[1, [2, 3]], [], [{ x: [4] }]])
  })

  it('skips prose braces and placeholders, then tries candidates in order', () => {
    const text = 'Fill {name} in, see [docs](http://x). Draft {"a": 1,} then final {"a": 2} and {"a": 3}'
    expect(ok(extractJson(text)).value).toEqual({ a: 2 })
  })

  it('prefers an object over a citation-like array of primitives', () => {
    const text = 'As shown in [1], the result is {"score": 0.9}.'
    expect(ok(extractJson(text)).value).toEqual({ score: 0.9 })
    expect(ok(extractJson('The ids are [1, 2, 3].')).value).toEqual([1, 2, 3])
  })

  it('never takes bare numbers or strings from prose', () => {
    const r = failed(extractJson('The answer is 42, or "forty-two".'))
    expect(r.reason).toBe('no_json_found')
    expect(r.message).toBe('No JSON object or array was found in the output.')
  })

  it('reports prose-only output as no_json_found', () => {
    expect(failed(extractJson('I am sorry, I cannot help with that.')).reason).toBe('no_json_found')
  })

  it('explains the likeliest broken candidate', () => {
    const r = failed(extractJson('Here: {"a": 1, "b": [1, 2,]}'))
    expect(r.reason).toBe('no_json_found')
    expect(r.message).toContain('line 1, column 7')
    expect(r.position?.column).toBe(27)
  })

  it('reports truncated JSON instead of returning an inner fragment', () => {
    const r = failed(extractJson('Sure: {"customer": {"name": "Ada"}, "items": [{"sku": "A1"'))
    expect(r.reason).toBe('no_json_found')
    expect(r.message).toContain('never closed')
  })
})

describe('extractJson: strict mode', () => {
  it('accepts whole JSON', () => {
    expect(ok(extractJson(' {"a": 1}\n', { strict: true })).value).toEqual({ a: 1 })
  })

  it('rejects fenced JSON and says why', () => {
    const r = failed(extractJson('```json\n{"a": 1}\n```', { strict: true }))
    expect(r.reason).toBe('not_json')
    expect(r.message).toContain('fenced code block')
    expect(r.position).toEqual({ offset: 0, line: 1, column: 1 })
  })

  it('rejects JSON in prose', () => {
    const r = failed(extractJson('Result: {"a": 1}', { strict: true }))
    expect(r.reason).toBe('not_json')
    expect(r.message).toContain('surrounded by prose')
  })

  it('reports where broken whole JSON fails', () => {
    const r = failed(extractJson('{"a": tru}', { strict: true }))
    expect(r).toMatchObject({ reason: 'not_json', position: { line: 1, column: 10 } })
    expect(r.message).not.toContain('surrounded by prose')
  })
})
