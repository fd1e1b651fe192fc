import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type OpenAI from 'openai'
import { cosineSimilarity, embed, type ModelServer } from '../../../src/testing/index.js'
import { setup } from './helpers.js'

let server: ModelServer
let client: OpenAI
beforeAll(async () => {
  ;({ server, client } = await setup({ embeddingDimensions: 128 }))
})
afterAll(async () => {
  await server.stop()
})

describe('embeddings', () => {
  it('are deterministic and unit length, through the SDK (base64 by default)', async () => {
    const a = await client.embeddings.create({ model: 'emb', input: 'The cat sat on the mat' })
    const b = await client.embeddings.create({ model: 'emb', input: ['The cat sat on the mat'] })
    const va = a.data[0]?.embedding ?? []
    expect(va).toHaveLength(128)
    expect(b.data[0]?.embedding).toEqual(va)
    const norm = Math.sqrt(va.reduce((s, v) => s + v * v, 0))
    expect(norm).toBeCloseTo(1, 5)
    expect(a.model).toBe('emb')
    expect(a.usage.prompt_tokens).toBe(6)
    const lastBody = server.requests[server.requests.length - 1]?.body as { encoding_format?: string }
    expect(lastBody.encoding_format).toBe('base64')
  })

  it('float encoding matches the library function and honours dimensions', async () => {
    const r = await client.embeddings.create({ model: 'emb', input: ['hello world', 'second'], dimensions: 64, encoding_format: 'float' })
    expect(r.data.map((d) => d.index)).toEqual([0, 1])
    expect(r.data[0]?.embedding).toHaveLength(64)
    const expected = embed('hello world', 64)
    r.data[0]?.embedding.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 12))
  })

  it('orders similarity: paraphrase > related > unrelated', async () => {
    const r = await client.embeddings.create({
      model: 'emb',
      input: [
        'How do I reset my account password?',
        'I need to reset the password of my account',
        'Where can I change my account email?',
        'The stock market fell sharply on Tuesday',
      ],
    })
    const [q, para, related, unrelated] = r.data.map((d) => d.embedding)
    const sim = (x: number[] | undefined): number => cosineSimilarity(q ?? [], x ?? [])
    expect(sim(para)).toBeGreaterThan(0.6)
    expect(sim(para)).toBeGreaterThan(sim(related))
    expect(sim(related)).toBeGreaterThan(sim(unrelated))
    expect(Math.abs(sim(unrelated))).toBeLessThan(0.2)
  })

  it('rejects bad input with a 400', async () => {
    await expect(client.embeddings.create({ model: 'emb', input: [1, 2, 3] })).rejects.toMatchObject({ status: 400 })
    await expect(client.embeddings.create({ model: 'emb', input: 'x', dimensions: 0 })).rejects.toMatchObject({ status: 400 })
  })
})
