import { afterEach, describe, expect, it } from 'vitest'
import type OpenAI from 'openai'
import type { ModelServer, ModelServerOptions } from '../../../src/testing/index.js'
import { setup } from './helpers.js'

let server: ModelServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

async function start(options: ModelServerOptions): Promise<OpenAI> {
  const s = await setup(options)
  server = s.server
  return s.client
}

const TEXT = 'The quick brown fox jumps over the lazy dog, twice.'

describe('streaming', () => {
  it('streams content in several chunks plus a usage chunk, consumable by the SDK iterator', async () => {
    const client = await start({ replies: [{ reply: TEXT }] })
    const stream = await client.chat.completions.create({
      model: 'stream-model',
      messages: [{ role: 'user', content: 'tell me' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = []
    for await (const chunk of stream) chunks.push(chunk)
    const contentChunks = chunks.filter((c) => typeof c.choices[0]?.delta.content === 'string' && c.choices[0].delta.content !== '')
    expect(contentChunks.length).toBeGreaterThan(3)
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(TEXT)
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant')
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'stream-model')).toBe(true)
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1)
    const finish = chunks.find((c) => c.choices[0]?.finish_reason != null)
    expect(finish?.choices[0]?.finish_reason).toBe('stop')
    const last = chunks[chunks.length - 1]
    expect(last?.choices).toEqual([])
    expect(last?.usage).toEqual({ prompt_tokens: 2, completion_tokens: 12, total_tokens: 14 })
  })

  it('omits the usage chunk unless include_usage is set', async () => {
    const client = await start({ replies: [{ reply: TEXT }] })
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true })
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.some((c) => c.usage != null)).toBe(false)
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true)
  })

  it('sends text/event-stream ending with [DONE]', async () => {
    await start({ replies: [{ reply: 'hi there' }] })
    const res = await fetch(`${server?.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true }),
    })
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const text = await res.text()
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true)
    expect(text.split('\n\n').filter((e) => e.startsWith('data: ')).length).toBeGreaterThanOrEqual(5)
  })

  it('streams tool calls as indexed deltas that the SDK helper reassembles', async () => {
    const client = await start({
      replies: [
        {
          reply: {
            toolCalls: [
              { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius', days: 3 } },
              { name: 'get_time', arguments: { timezone: 'Europe/Paris' } },
            ],
          },
        },
      ],
    })
    const params = {
      model: 'm',
      messages: [{ role: 'user' as const, content: 'weather and time?' }],
      tools: [
        { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object' } } },
        { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object' } } },
      ],
    }
    const stream = await client.chat.completions.create({ ...params, stream: true })
    const args: string[] = ['', '']
    const names: string[] = []
    let finish: string | null | undefined
    let argChunks = 0
    for await (const chunk of stream) {
      const choice = chunk.choices[0]
      finish = choice?.finish_reason ?? finish
      for (const tc of choice?.delta.tool_calls ?? []) {
        if (tc.function?.name) names[tc.index] = tc.function.name
        if (tc.function?.arguments) {
          args[tc.index] += tc.function.arguments
          argChunks++
        }
      }
    }
    expect(names).toEqual(['get_weather', 'get_time'])
    expect(JSON.parse(args[0] ?? '')).toEqual({ city: 'Paris', unit: 'celsius', days: 3 })
    expect(JSON.parse(args[1] ?? '')).toEqual({ timezone: 'Europe/Paris' })
    expect(argChunks).toBeGreaterThan(2)
    expect(finish).toBe('tool_calls')

    const helper = client.chat.completions.stream(params)
    const final = await helper.finalChatCompletion()
    const calls = final.choices[0]?.message.tool_calls ?? []
    expect(calls.map((c) => (c.type === 'function' ? c.function.name : ''))).toEqual(['get_weather', 'get_time'])
  })

  it('paces chunks with tokensPerSecond', async () => {
    const client = await start({ replies: [{ reply: 'a b c d e f g h i j k' }], tokensPerSecond: 100 })
    const startedAt = Date.now()
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true })
    const arrivals: number[] = []
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) arrivals.push(Date.now())
    // 11 one-token chunks at 100 tokens/s: 10 gaps of 10 ms after the first
    expect(arrivals).toHaveLength(11)
    expect((arrivals[10] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(80)
    expect(Date.now() - startedAt).toBeLessThan(2000)
  })

  it('streams n choices with their indices', async () => {
    const client = await start({ replies: (_req, ctx) => `choice ${ctx.choiceIndex}` })
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true, n: 2 })
    const texts = ['', '']
    for await (const chunk of stream) {
      for (const c of chunk.choices) texts[c.index] += c.delta.content ?? ''
    }
    expect(texts).toEqual(['choice 0', 'choice 1'])
  })
})
