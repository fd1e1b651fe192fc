import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { sampleForEval, sampleScore, shouldSample, type LogEntry } from '../../../src/cases/index.js'
import { useTempDir } from './temp.js'

const tmp = useTempDir()

const entries: LogEntry[] = Array.from({ length: 10_000 }, (_, i) => ({ prompt: `question ${i}`, response: `answer ${i}`, task_type: ['a', 'b', 'c'][i % 3], input_tokens: i }))

describe('sampleForEval', () => {
  it('keeps about 1% of 10k entries by default and appends exactly those, one JSONL line each', async () => {
    const file = tmp.path('samples/nested/eval.jsonl')
    const selected: LogEntry[] = []
    for (const entry of entries) if (await sampleForEval(entry, { file })) selected.push(entry)
    expect(selected.length).toBeGreaterThan(60)
    expect(selected.length).toBeLessThan(140)
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n')
    expect(lines.map((line) => JSON.parse(line) as LogEntry)).toEqual(selected)
  })

  it('follows the rate', () => {
    const rate = (r: number): number => entries.filter((e) => shouldSample(e, r)).length / entries.length
    expect(rate(0)).toBe(0)
    expect(rate(1)).toBe(1)
    expect(rate(0.1)).toBeGreaterThan(0.09)
    expect(rate(0.1)).toBeLessThan(0.11)
    expect(() => shouldSample(entries[0]!, 1.5)).toThrow('rate must be between 0 and 1, got 1.5')
  })

  it('is deterministic: same entry (any key order), same decision; the seed changes which entries, not how many', async () => {
    const decisions = entries.map((e) => shouldSample(e, 0.05))
    expect(entries.map((e) => shouldSample(e, 0.05))).toEqual(decisions)
    expect(sampleScore({ b: 2, a: 1 })).toBe(sampleScore({ a: 1, b: 2 }))
    expect(sampleScore({ a: 1 })).toBeGreaterThanOrEqual(0)
    expect(sampleScore({ a: 1 })).toBeLessThan(1)
    const seeded = entries.map((e) => shouldSample(e, 0.05, 'other-seed'))
    expect(seeded).not.toEqual(decisions)
    expect(Math.abs(seeded.filter(Boolean).length - decisions.filter(Boolean).length)).toBeLessThan(100)
    const file = tmp.path('eval.jsonl')
    const entry = entries.find((e) => shouldSample(e, 0.05))!
    expect(await sampleForEval(entry, { file, rate: 0.05 })).toBe(true)
    expect(await sampleForEval(entry, { file, rate: 0.05 })).toBe(true)
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(3)
  })

  it('concurrent appends never interleave lines', async () => {
    const file = tmp.path('eval.jsonl')
    const big = Array.from({ length: 200 }, (_, i) => ({ id: i, prompt: `p${i} ` + 'x'.repeat(20_000) }))
    const results = await Promise.all(big.map((entry) => sampleForEval(entry, { file, rate: 1 })))
    expect(results.every(Boolean)).toBe(true)
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n')
    expect(lines).toHaveLength(200)
    const ids = lines.map((line) => (JSON.parse(line) as { id: number }).id).sort((a, b) => a - b)
    expect(ids).toEqual(big.map((e) => e.id))
  })
})
