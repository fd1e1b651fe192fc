/**
 * Load mode honesty (issue 15): stream timestamps at byte arrival, tokens/s with a decode-window floor,
 * event-loop delay and the clientSaturation verdict. Timing bounds here are generous on purpose: they tell
 * arrival stamps from consumer stamps (hundreds of ms apart), never measure speed.
 */
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { decodeRate, getMeasurement, MIN_DECODE_MS, streamArrival, wrapOpenAI } from '../../../src/measure/wrap-openai.js'
import { runLoad } from '../../../src/measure/load.js'
import { detectSaturation, SATURATION_RULE, type LoopDelay } from '../../../src/measure/saturation.js'
import { startModelServer, type ModelServer } from '../../../src/testing/index.js'

const WORDS = Array.from({ length: 21 }, (_, i) => `w${i}`).join(' ')
let server: ModelServer
beforeAll(async () => {
  // 21 one-token words paced at 100 tokens/s: 200 ms from the first to the last content chunk.
  server = await startModelServer({ ttft: 50, tokensPerSecond: 100, replies: [{ match: 'words', reply: WORDS }] })
})
afterAll(() => server.stop())

const client = () => wrapOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: 'sk-test', maxRetries: 0 }))
const ask = (c: OpenAI, text: string) => c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: text }], stream: true })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const block = (ms: number) => {
  const end = performance.now() + ms
  while (performance.now() < end);
}

describe('stream timestamps are taken as the bytes arrive', () => {
  test('a consumer that starts reading late does not inflate TTFT or tokens/s', async () => {
    const stream = await ask(client(), 'words please')
    // The whole answer (50 ms + 200 ms) arrives while nobody reads; the old consumer-side stamps gave TTFT ≥ 600 ms.
    await sleep(600)
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? ''
    expect(text).toBe(WORDS)
    const m = getMeasurement(stream)!
    expect(m.ok).toBe(true)
    expect(m.ttftMs).toBeGreaterThanOrEqual(40)
    expect(m.ttftMs).toBeLessThan(500)
    expect(m.completionTokens).toBe(21)
    // 20 tokens after the first over ≈ 200 ms: ≈ 100 tokens/s (consumer stamps gave thousands).
    expect(m.tokensPerSecond).toBeGreaterThan(20)
    expect(m.tokensPerSecond).toBeLessThan(300)
    const arrival = streamArrival(m)!
    expect(arrival.firstByteMs).toBeLessThanOrEqual(arrival.firstTokenMs!)
    expect(arrival.decodeMs).toBeGreaterThanOrEqual(150)
    // The consumer read the bytes about 600 ms after they arrived, and that is what the lag says.
    expect(arrival.readLagMs).toBeGreaterThan(200)
  })

  test('the consumer still gets every event in order, then the end', async () => {
    const c = client()
    const chunks = []
    for await (const chunk of await ask(c, 'words again')) chunks.push(chunk)
    expect(chunks.map((x) => x.choices[0]?.delta?.content ?? '').join('')).toBe(WORDS)
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop')
  })
})

describe('tokens/s has a decode-window floor', () => {
  test('(completion tokens − 1) over the first-to-last token window', () => {
    expect(decodeRate(11, 1000, 1100)).toBe(100)
    expect(decodeRate(101, 0, 1000)).toBe(100)
  })
  test(`under ${MIN_DECODE_MS} ms, or under 2 tokens, there is no rate (never an absurd one)`, () => {
    expect(decodeRate(500, 1000, 1000)).toBeNull()
    expect(decodeRate(500, 1000, 1000 + MIN_DECODE_MS - 1)).toBeNull()
    expect(decodeRate(500, 1000, 1000 + MIN_DECODE_MS)).toBe(9980)
    expect(decodeRate(1, 0, 500)).toBeNull()
    expect(decodeRate(10, undefined, 500)).toBeNull()
  })
  test('an unpaced stream (every chunk at once) reports null tokens/s, not thousands', async () => {
    const fast = await startModelServer({ ttft: 20, replies: [{ reply: WORDS }] })
    try {
      const c = wrapOpenAI(new OpenAI({ baseURL: fast.baseURL, apiKey: 'sk-test', maxRetries: 0 }))
      const load = await runLoad(() => ask(c, 'x'), { samples: 4, concurrency: 2 })
      for (const s of load.samples) {
        expect(s.error).toBeUndefined()
        expect(s.decodeMs).toBeLessThan(MIN_DECODE_MS)
        expect(s.tokensPerSecond).toBeNull()
      }
    } finally {
      await fast.stop()
    }
  })
})

describe('client saturation', () => {
  const loop = (p99Ms: number, samples = 50): LoopDelay => ({ p50Ms: 1, p99Ms, maxMs: p99Ms, meanMs: 2, samples })

  test('the rule: loop delay p99 over max(10 ms, 5% of the p50)', () => {
    expect(SATURATION_RULE).toEqual({ share: 0.05, minMs: 10 })
    expect(detectSaturation(loop(9), 100)).toBeNull()
    expect(detectSaturation(loop(11), 100)).toMatchObject({ loopDelayP99Ms: 11, thresholdMs: 10, referenceMs: 100 })
    expect(detectSaturation(loop(14), 300)).toBeNull()
    expect(detectSaturation(loop(16), 300)).toMatchObject({ thresholdMs: 15 })
    expect(detectSaturation(loop(16), 300)?.message).toMatch(/^clientSaturation: .*16 ms \(p99; threshold 15 ms = max\(10 ms, 5% of the p50 300 ms\)\)/)
    expect(detectSaturation(loop(12), null)).toMatchObject({ thresholdMs: 10, referenceMs: 0 })
    expect(detectSaturation(null, 300)).toBeNull()
    expect(detectSaturation(loop(500, 0), 300)).toBeNull()
  })

  test('a deliberately blocked event loop during a run gives the warning', async () => {
    const load = await runLoad(
      async () => {
        block(60)
        await sleep(10)
        return 'ok'
      },
      { samples: 4, concurrency: 2 },
    )
    expect(load.eventLoopDelay).not.toBeNull()
    expect(load.eventLoopDelay!.maxMs).toBeGreaterThanOrEqual(40)
    expect(load.clientSaturation).not.toBeNull()
    expect(load.clientSaturation!.loopDelayP99Ms).toBeGreaterThan(load.clientSaturation!.thresholdMs)
    expect(load.clientSaturation!.message).toContain('clientSaturation')
  })

  test('a blocked loop while streams are in flight is flagged, and the streams still finish', async () => {
    const c = client()
    const load = await runLoad(
      async () => {
        const stream = ask(c, 'words')
        block(80)
        return stream
      },
      { samples: 4, concurrency: 4 },
    )
    expect(load.samples.every((s) => !s.error && s.ttftMs !== null)).toBe(true)
    expect(load.clientSaturation).not.toBeNull()
  })

  test('structure of a light run against the test server at moderate concurrency', async () => {
    const c = client()
    const load = await runLoad(() => ask(c, 'words'), { samples: 20, concurrency: 10, warmup: 2 })
    expect(load.samples).toHaveLength(20)
    expect(load.eventLoopDelay).toMatchObject({ p50Ms: expect.any(Number), p99Ms: expect.any(Number), samples: expect.any(Number) })
    const ttft = load.samples.map((s) => s.ttftMs!).sort((a, b) => a - b)
    // Server TTFT 50 ms: the p50 is at least that and, unless the client says it was saturated, close to it.
    expect(ttft[9]).toBeGreaterThanOrEqual(45)
    if (load.clientSaturation === null) expect(ttft[9]).toBeLessThan(50 * 1.1 + load.eventLoopDelay!.p99Ms + 50)
    for (const s of load.samples) {
      expect(s.decodeMs).toBeGreaterThan(0)
      if (s.tokensPerSecond !== null) expect(s.tokensPerSecond).toBeLessThan(1000)
    }
  })
})
