import { describe, expect, it } from 'vitest'
import { logsToCases, readLogEntries, stratifiedSample, stratifiedSampleStream, type CaseIssue, type LogEntry } from '../../../src/cases/index.js'
import { stableHash } from '../../../src/util/stable.js'
import { caseError, jsonl, useTempDir } from './temp.js'

const tmp = useTempDir()

/** `n` log entries per category, with distinct prompts. */
function logs(sizes: Record<string, number>): LogEntry[] {
  return Object.entries(sizes).flatMap(([task, n]) =>
    Array.from({ length: n }, (_, i) => ({ prompt: `${task} prompt ${i}`, response: `answer ${i}`, task_type: task, input_tokens: 10 + i })),
  )
}

const count = (entries: LogEntry[]): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const e of entries) out[String(e.task_type)] = (out[String(e.task_type)] ?? 0) + 1
  return out
}

describe('stratifiedSample', () => {
  const entries = logs({ summarize: 600, classify: 300, extract: 100 })

  it('allocates total proportionally to category sizes', () => {
    expect(count(stratifiedSample(entries, { total: 10, seed: 1 }))).toEqual({ summarize: 6, classify: 3, extract: 1 })
    expect(count(stratifiedSample(entries, { total: 100, seed: 1 }))).toEqual({ summarize: 60, classify: 30, extract: 10 })
  })

  it('gives every category at least one when total allows', () => {
    const skewed = logs({ big: 990, small: 5, tiny: 1 })
    expect(count(stratifiedSample(skewed, { total: 10, seed: 'x' }))).toEqual({ big: 8, small: 1, tiny: 1 })
    expect(count(stratifiedSample(skewed, { total: 2, seed: 'x' }))).toEqual({ big: 1, small: 1 })
  })

  it('takes a fixed number per category, capped by what the category has', () => {
    expect(count(stratifiedSample(logs({ a: 50, b: 3 }), { perCategory: 5, seed: 1 }))).toEqual({ a: 5, b: 3 })
    expect(count(stratifiedSample(logs({ a: 50, b: 30, c: 3 }), { perCategory: 5, total: 8, seed: 1 }))).toEqual({ a: 4, b: 3, c: 1 })
  })

  it('moves seats a category cannot fill to the others', () => {
    // b has as many entries as a (same share of traffic) but only two distinct prompts.
    const repeated = [...logs({ a: 50 }), ...Array.from({ length: 50 }, (_, i) => ({ prompt: `b prompt ${i % 2}`, task_type: 'b' }))]
    expect(count(stratifiedSample(repeated, { total: 20, seed: 1 }))).toEqual({ a: 18, b: 2 })
    expect(stratifiedSample(logs({ a: 3, b: 2 }), { total: 60, seed: 1 })).toHaveLength(5)
  })

  it('is deterministic, independent of input order, and sorted by category then id', () => {
    const first = stratifiedSample(entries, { total: 30, seed: 42 })
    const again = stratifiedSample([...entries].reverse(), { total: 30, seed: 42 })
    expect(again).toEqual(first)
    const keys = first.map((e) => [String(e.task_type), stableHash(e.prompt, 12)])
    expect(keys).toEqual([...keys].sort((a, b) => (a[0] === b[0] ? (a[1]! < b[1]! ? -1 : 1) : a[0]! < b[0]! ? -1 : 1)))
    const other = stratifiedSample(entries, { total: 30, seed: 43 })
    expect(count(other)).toEqual(count(first))
    expect(other).not.toEqual(first)
  })

  it('uses configurable fields, a default category, and counts repeated prompts once', () => {
    const custom = [
      { q: 'same', kind: 'a', rid: 1 },
      { q: 'same', kind: 'a', rid: 2 },
      { q: 'other', kind: 'a', rid: 3 },
      { q: 'none', rid: 4 },
    ]
    const byInput = stratifiedSample(custom, { perCategory: 10, seed: 1, inputField: 'q', categoryField: 'kind' })
    expect(byInput.map((e) => e.rid).sort()).toEqual([1, 3, 4])
    const byId = stratifiedSample(custom, { perCategory: 10, seed: 1, inputField: 'q', categoryField: 'kind', idField: 'rid', defaultCategory: 'misc' })
    expect(byId.map((e) => e.rid)).toEqual([1, 2, 3, 4])
  })

  it('rejects bad options and bad entries with their position', () => {
    expect(() => stratifiedSample(entries, { seed: 1 })).toThrow('set perCategory, total, or both')
    expect(() => stratifiedSample(entries, { seed: 1, perCategory: 0 })).toThrow('perCategory must be an integer >= 1, got 0')
    const bad = [{ prompt: 'ok', task_type: 'a' }, { task_type: 'a' }, { prompt: 'x', task_type: { nested: true } }]
    expect(() => stratifiedSample(bad, { total: 2, seed: 1 })).toThrow(
      '2 problems in entries[1], entries[2]:\n  - entries[1]: field "prompt" is required (set inputField to choose the input field)\n  - entries[2]: field "task_type" must be a string, got object',
    )
    const skipped: CaseIssue[] = []
    expect(stratifiedSample(bad, { total: 2, seed: 1, onInvalid: (issue) => skipped.push(issue) })).toHaveLength(1)
    expect(skipped.map((i) => i.field)).toEqual(['prompt', 'task_type'])
  })
})

describe('reading and sampling log files', () => {
  it('streams a log file and samples it exactly like the in-memory version', async () => {
    const entries = logs({ summarize: 400, classify: 250, extract: 50 })
    const file = await tmp.write('prod.jsonl', jsonl(entries))
    const streamed = await stratifiedSampleStream(readLogEntries(file), { total: 25, seed: 7 })
    expect(streamed).toEqual(stratifiedSample(entries, { total: 25, seed: 7 }))
    expect(count(streamed)).toEqual({ summarize: 14, classify: 9, extract: 2 })
  })

  it('names file and line for bad log lines and bad entries', async () => {
    const file = await tmp.write('prod.jsonl', '{"prompt":"a","task_type":"x"}\n\n{"task_type":"x"}\n[1]\nnot json\n')
    const error = await caseError(stratifiedSampleStream(readLogEntries(file), { total: 5, seed: 1 }))
    expect(error.message).toBe(`${file}:4: a log entry must be a JSON object, got array`)
    const invalid: string[] = []
    const onInvalid = (issue: CaseIssue): void => {
      invalid.push(`${issue.line}`)
    }
    const error2 = await caseError(stratifiedSampleStream(readLogEntries(file, { onInvalid }), { total: 5, seed: 1 }))
    expect(error2.message).toBe(`${file}:3: field "prompt" is required (set inputField to choose the input field)`)
    expect(invalid).toEqual(['4', '5'])
    await expect(caseError(stratifiedSampleStream(readLogEntries(tmp.path('nope.jsonl')), { total: 1, seed: 1 }))).resolves.toMatchObject({
      message: `${tmp.path('nope.jsonl')}: file not found`,
    })
  })
})

describe('logsToCases', () => {
  it('turns entries into cases, keeping the response as metadata, never as expected', () => {
    const cases = logsToCases([
      { prompt: 'Summarize this', response: 'Short.', task_type: 'summarize', input_tokens: 12, user: 'u1' },
      { prompt: 'Classify that', task_type: 'classify' },
      { prompt: 'Summarize this', response: 'Other answer', task_type: 'summarize' },
    ])
    expect(cases).toEqual([
      { id: stableHash('Summarize this', 12), input: 'Summarize this', category: 'summarize', metadata: { input_tokens: 12, user: 'u1', productionResponse: 'Short.' } },
      { id: stableHash('Classify that', 12), input: 'Classify that', category: 'classify', metadata: {} },
    ])
    expect(cases[0]).not.toHaveProperty('expected')
  })

  it('honours configured fields and records the source line of entries read from a file', async () => {
    const file = await tmp.write('prod.jsonl', jsonl([{ req: 'r1', messages: [{ role: 'user', content: 'hi' }], kind: 'chat', out: 'hello' }]))
    const entries: LogEntry[] = []
    for await (const entry of readLogEntries(file)) entries.push(entry)
    expect(logsToCases(entries, { idField: 'req', inputField: 'messages', categoryField: 'kind', responseField: 'out' })).toEqual([
      { id: 'r1', input: [{ role: 'user', content: 'hi' }], category: 'chat', metadata: { productionResponse: 'hello' }, source: { file, line: 1 } },
    ])
    expect(() => logsToCases(entries, { idField: 'missing', inputField: 'messages' })).toThrow(`${file}:1: field "missing" is required (idField is set)`)
  })
})
