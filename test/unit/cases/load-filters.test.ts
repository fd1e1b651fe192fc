import { createWriteStream } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadCases } from '../../../src/cases/index.js'
import { jsonl, useTempDir } from './temp.js'

const tmp = useTempDir()

const rows = [
  { id: 'a', input: 'x', category: 'math', tags: ['smoke'] },
  { id: 'b', input: 'x', category: 'code', tags: ['slow'] },
  { id: 'c', input: 'x', category: 'math', tags: ['slow', 'smoke'] },
  { id: 'd', input: 'x', tags: ['smoke'] },
  { id: 'e', input: 'x', category: 'chat' },
]

describe('loadCases: filters', () => {
  it('categories, tags (any of), predicate and limit, in file order', async () => {
    const file = await tmp.write('cases.jsonl', jsonl(rows))
    const ids = async (options: Parameters<typeof loadCases>[1]): Promise<string[]> => (await loadCases(file, options)).map((c) => c.id)
    expect(await ids({ categories: ['math', 'chat'] })).toEqual(['a', 'c', 'e'])
    expect(await ids({ tags: ['smoke'] })).toEqual(['a', 'c', 'd'])
    expect(await ids({ tags: ['smoke'], categories: ['math'] })).toEqual(['a', 'c'])
    expect(await ids({ filter: (c) => c.id !== 'a' })).toEqual(['b', 'c', 'd', 'e'])
    expect(await ids({ tags: ['smoke', 'slow'], limit: 2 })).toEqual(['a', 'b'])
    expect(await ids({ limit: 0 })).toEqual([])
  })

  it('still validates the whole file when filters would skip the bad record', async () => {
    const file = await tmp.write('cases.jsonl', jsonl([...rows, { id: 'f', input: 'x', category: 'code', weight: -2 }]))
    await expect(loadCases(file, { categories: ['math'], limit: 1 })).rejects.toThrow(`${file}:6: field "weight" must be greater than 0, got -2`)
  })
})

describe('loadCases: a 10k-case JSONL file', () => {
  it('loads every case, correctly', async () => {
    const file = tmp.path('big.jsonl')
    const out = createWriteStream(file)
    const categories = ['math', 'code', 'chat', 'search']
    for (let i = 0; i < 10_000; i++) {
      const row = { id: `case-${i}`, input: { question: `q${i}`, context: 'lorem ipsum '.repeat(5) }, expected: i % 7, category: categories[i % 4], tags: i % 10 === 0 ? ['smoke'] : [], weight: 1 + (i % 3), critical: i % 1000 === 0, turn: i }
      out.write(JSON.stringify(row) + '\n')
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))

    const cases = await loadCases<{ question: string }, number>(file)
    expect(cases).toHaveLength(10_000)
    expect(new Set(cases.map((c) => c.id)).size).toBe(10_000)
    cases.forEach((c, i) => {
      expect(c.id).toBe(`case-${i}`)
      expect(c.input.question).toBe(`q${i}`)
      expect(c.expected).toBe(i % 7)
      expect(c.source?.line).toBe(i + 1)
    })
    expect(cases.filter((c) => c.critical === true)).toHaveLength(10)
    expect(cases[9_999]).toMatchObject({ category: 'search', weight: 1 + (9_999 % 3), metadata: { turn: 9_999 } })
    expect(await loadCases(file, { tags: ['smoke'], categories: ['math'] })).toHaveLength(500)
  })
})
