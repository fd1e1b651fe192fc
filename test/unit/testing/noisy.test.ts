import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { noisyReplies, startModelServer, type ModelServer } from '../../../src/testing/index.js'

describe('noisyReplies: seeded nondeterministic model', () => {
  let server: ModelServer
  beforeAll(async () => {
    server = await startModelServer({ replies: noisyReplies({ p: 0.8, seed: 'run-1', right: () => 'right', wrong: () => 'wrong' }) })
  })
  afterAll(() => server.stop())

  it('answers right with probability p through the real SDK, per prompt and repeat', async () => {
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'test' })
    const answers: string[] = []
    for (let i = 0; i < 400; i++) {
      const r = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: `case ${i % 100}` }] })
      answers.push(r.choices[0]?.message.content ?? '')
    }
    const right = answers.filter((a) => a === 'right').length / answers.length
    expect(right).toBeGreaterThan(0.8 - 3 * Math.sqrt(0.16 / 400))
    expect(right).toBeLessThan(0.8 + 3 * Math.sqrt(0.16 / 400))
  })

  it('is reproducible for a seed and differs between seeds', () => {
    const draw = (seed: string) => {
      const f = noisyReplies({ p: 0.5, seed, right: () => '1', wrong: () => '0' })
      const req = (i: number) => ({ model: 'm', messages: [{ role: 'user' as const, content: `q${i % 10}` }] })
      return Array.from({ length: 50 }, (_, i) => f(req(i) as never, { choiceIndex: 0, callIndex: i })).join('')
    }
    expect(draw('a')).toBe(draw('a'))
    expect(draw('a')).not.toBe(draw('b'))
  })

  it('p per request (case difficulty) and a bad p is an error naming it', () => {
    const f = noisyReplies({ p: (req) => (String(req.messages[0]?.content).includes('easy') ? 1 : 0), right: () => 'r', wrong: () => 'w' })
    expect(f({ model: 'm', messages: [{ role: 'user', content: 'easy' }] } as never, { choiceIndex: 0, callIndex: 0 })).toBe('r')
    expect(f({ model: 'm', messages: [{ role: 'user', content: 'hard' }] } as never, { choiceIndex: 0, callIndex: 1 })).toBe('w')
    const bad = noisyReplies({ p: 2, right: () => 'r', wrong: () => 'w' })
    expect(() => bad({ model: 'm', messages: [] } as never, { choiceIndex: 0, callIndex: 0 })).toThrow('noisyReplies: p must be within [0, 1], got 2')
  })
})
