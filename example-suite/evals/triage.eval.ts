import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { makeApp } from './model.js'
import { triageSchema } from './schema.js'

interface Ticket {
  id: string
  input: string
  expected: { category: string; priority: string }
  category: string
  critical?: boolean
  rubric: string[]
}

const cases: Ticket[] = readFileSync(new URL('./tickets.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Ticket)

const { app, client } = makeApp()

describe.concurrent('classify', () => {
  test.for(cases)('$id', async (c, { expect }) => {
    const { label, response } = await app.classify(c.input)
    expect(label).toBe(c.expected.category)
    expect(response).toStayUnderLatency({ max: 5_000 })
  })
})

describe.concurrent('extract', () => {
  test.for(cases)('$id', async (c, { expect }) => {
    const { text } = await app.extract(c.input)
    expect(text).toMatchSchema(triageSchema)
  })
})

describe.concurrent('reply', () => {
  test.for(cases)('$id', async (c, { expect }) => {
    const { text, stream } = await app.draftReply(c.input)
    expect(text.length).toBeGreaterThan(20)
    expect(stream).toStayUnderLatency({ metric: 'ttft', max: 5_000 })
  })
})

describe('operational limits', () => {
  test('classification under load: p95 within budget at concurrency 10', async () => {
    await expect(() => app.classify(cases[0]!.input).then((r) => r.response)).toStayUnderLatency({
      p50: 1_000,
      p95: 2_000,
      samples: 40,
      concurrency: 10,
      warmup: 2,
    })
  })
  test('streamed replies: time to first token at concurrency 20', async () => {
    await expect(() =>
      client.chat.completions.create({ model: 'any', stream: true, messages: [{ role: 'user', content: cases[1]!.input }] }),
    ).toStayUnderLatency({ metric: 'ttft', p95: 2_000, samples: 40, concurrency: 20 })
  })
})
