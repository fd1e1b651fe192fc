import { afterEach, describe, expect, it } from 'vitest'
import { createRng } from '../../../src/stats/rng.js'
import { createLatencySampler, createSamplers } from '../../../src/testing/latency.js'
import type { ModelServer } from '../../../src/testing/index.js'
import { ask, setup } from './helpers.js'

let server: ModelServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

describe('latency samplers', () => {
  it('same seed gives the same sequence, another seed a different one', () => {
    const draw = (seed: number | string): number[] => {
      const s = createSamplers({ mean: 200, sd: 50 }, { min: 10, max: 20 }, seed)
      return Array.from({ length: 20 }, () => s.latency())
    }
    expect(draw(1)).toEqual(draw(1))
    expect(draw(1)).not.toEqual(draw(2))
  })

  it('supports every form and never goes negative', () => {
    const rng = createRng(3)
    expect(createLatencySampler(undefined, rng)()).toBe(0)
    expect(createLatencySampler(25, rng)()).toBe(25)
    const uniform = createLatencySampler({ min: 10, max: 20 }, rng)
    const normal = createLatencySampler({ mean: 5, sd: 50 }, rng)
    const samples = createLatencySampler({ samples: [7, 70, 700] }, rng)
    for (let i = 0; i < 200; i++) {
      const u = uniform()
      expect(u).toBeGreaterThanOrEqual(10)
      expect(u).toBeLessThanOrEqual(20)
      expect(normal()).toBeGreaterThanOrEqual(0)
      expect([7, 70, 700]).toContain(samples())
    }
  })
})

describe('latency on the server', () => {
  it('waits at least the fixed latency before answering', async () => {
    const s = await setup({ latency: 120 })
    server = s.server
    const t0 = performance.now()
    await s.client.chat.completions.create(ask('x'))
    expect(performance.now() - t0).toBeGreaterThanOrEqual(115)
  })

  it('per-reply latencyMs overrides the option', async () => {
    const s = await setup({ latency: 2000, replies: [{ reply: { content: 'quick', latencyMs: 0 } }] })
    server = s.server
    const t0 = performance.now()
    await s.client.chat.completions.create(ask('x'))
    expect(performance.now() - t0).toBeLessThan(1000)
  })

  it('ttft delays the first stream chunk', async () => {
    const s = await setup({ ttft: 150 })
    server = s.server
    const t0 = performance.now()
    const stream = await s.client.chat.completions.create({ ...ask('hello world'), stream: true })
    let first = 0
    for await (const chunk of stream) if (first === 0 && chunk.choices[0]?.delta.content) first = performance.now() - t0
    expect(first).toBeGreaterThanOrEqual(145)
  })

  it('same seed gives the same latency pattern across servers', async () => {
    const pattern = async (): Promise<string> => {
      const s = await setup({ seed: 5, latency: { samples: [0, 150] } })
      try {
        let out = ''
        for (let i = 0; i < 6; i++) {
          const t0 = performance.now()
          await s.client.chat.completions.create(ask('x'))
          out += performance.now() - t0 >= 140 ? 'S' : 'F'
        }
        return out
      } finally {
        await s.server.stop()
      }
    }
    const first = await pattern()
    expect(first).toMatch(/S/)
    expect(first).toMatch(/F/)
    expect(await pattern()).toBe(first)
  })

  it('handles requests concurrently (50 x 100 ms well under 1 s)', async () => {
    const s = await setup({ latency: 100 })
    server = s.server
    const t0 = performance.now()
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => s.client.chat.completions.create(ask(`q${i}`))))
    const elapsed = performance.now() - t0
    expect(results.map((r) => r.choices[0]?.message.content)).toEqual(Array.from({ length: 50 }, (_, i) => `echo: q${i}`))
    expect(elapsed).toBeGreaterThanOrEqual(95)
    expect(elapsed).toBeLessThan(1000)
    expect(s.server.requestCount('chat')).toBe(50)
  })
})
