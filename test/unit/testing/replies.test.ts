import { afterEach, describe, expect, it } from 'vitest'
import type OpenAI from 'openai'
import type { ChatRequest, ModelServer, ReplyContext } from '../../../src/testing/index.js'
import { ask, setup } from './helpers.js'

let server: ModelServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

async function start(options: Parameters<typeof setup>[0]): Promise<OpenAI> {
  const s = await setup(options)
  server = s.server
  return s.client
}

describe('scripted replies', () => {
  it('answers by string, RegExp and function rules, in order', async () => {
    const client = await start({
      replies: [
        { match: 'capital of France', reply: 'Paris' },
        { match: /\b2\s*\+\s*2\b/, reply: '4' },
        { match: (req) => req.model === 'judge-model', reply: () => ({ content: '{"score": 5}' }) },
        { reply: 'fallback' },
      ],
    })
    const a = await client.chat.completions.create(ask('What is the capital of France?'))
    expect(a.choices[0]?.message.content).toBe('Paris')
    const b = await client.chat.completions.create(ask('what is 2 + 2'))
    expect(b.choices[0]?.message.content).toBe('4')
    const c = await client.chat.completions.create({ ...ask('rate this'), model: 'judge-model' })
    expect(c.choices[0]?.message.content).toBe('{"score": 5}')
    const d = await client.chat.completions.create(ask('something else'))
    expect(d.choices[0]?.message.content).toBe('fallback')
  })

  it('matches the last user message only', async () => {
    const client = await start({ replies: [{ match: 'first', reply: 'matched' }] })
    const r = await client.chat.completions.create({
      model: 'm',
      messages: [
        { role: 'system', content: 'first system' },
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'second question' }] },
      ],
    })
    expect(r.choices[0]?.message.content).toBe('echo: second question')
  })

  it('default reply echoes the last user message', async () => {
    const client = await start({})
    const r = await client.chat.completions.create(ask('Hello there'))
    expect(r.choices[0]?.message.content).toBe('echo: Hello there')
    expect(r.choices[0]?.finish_reason).toBe('stop')
  })

  it('a single reply function sees the whole request (scripted judge)', async () => {
    const seen: Array<{ req: ChatRequest; ctx: ReplyContext }> = []
    const client = await start({
      replies: async (req, ctx) => {
        seen.push({ req, ctx })
        return JSON.stringify({ score: ctx.choiceIndex + 1 })
      },
    })
    const r = await client.chat.completions.create({
      ...ask('grade the answer'),
      model: 'gpt-judge',
      seed: 7,
      n: 2,
      temperature: 0,
      response_format: { type: 'json_object' },
    })
    expect(r.choices.map((c) => c.message.content)).toEqual(['{"score":1}', '{"score":2}'])
    expect(r.choices.map((c) => c.index)).toEqual([0, 1])
    expect(seen).toHaveLength(2)
    const first = seen[0]
    expect(first?.req.model).toBe('gpt-judge')
    expect(first?.req.seed).toBe(7)
    expect(first?.req.n).toBe(2)
    expect(first?.req.response_format).toEqual({ type: 'json_object' })
    expect(first?.ctx.callIndex).toBe(0)
  })

  it('returns a proper ChatCompletion with approximate usage', async () => {
    const client = await start({ replies: [{ reply: { content: 'one two three', usage: { promptTokens: 11 } } }] })
    const r = await client.chat.completions.create(ask('Hello, world!'))
    expect(r.object).toBe('chat.completion')
    expect(r.id).toMatch(/^chatcmpl-/)
    expect(typeof r.created).toBe('number')
    expect(r.model).toBe('test-model')
    expect(r.choices[0]?.message.role).toBe('assistant')
    expect(r.usage).toEqual({ prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 })
    server?.setReplies(undefined)
    const r2 = await client.chat.completions.create(ask('Hello, world!'))
    // "Hello, world!" = Hello , world ! = 4 tokens; "echo: Hello, world!" = 6
    expect(r2.usage).toEqual({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 })
  })

  it('honours max_tokens with finish_reason length', async () => {
    const client = await start({ replies: [{ reply: 'alpha beta gamma delta epsilon' }] })
    const r = await client.chat.completions.create({ ...ask('go'), max_tokens: 2 })
    expect(r.choices[0]?.message.content).toBe('alpha beta')
    expect(r.choices[0]?.finish_reason).toBe('length')
    expect(r.usage?.completion_tokens).toBe(2)
  })

  it('returns non-stream tool calls with object arguments encoded', async () => {
    const client = await start({
      replies: [{ match: 'weather', reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'noop', arguments: '{}' }] } }],
    })
    const r = await client.chat.completions.create({
      ...ask('what is the weather in Paris'),
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    })
    const choice = r.choices[0]
    expect(choice?.finish_reason).toBe('tool_calls')
    expect(choice?.message.content).toBeNull()
    const calls = choice?.message.tool_calls ?? []
    expect(calls).toHaveLength(2)
    const call = calls[0]
    expect(call?.type).toBe('function')
    if (call?.type !== 'function') throw new Error('expected a function call')
    expect(call.id).toMatch(/^call_/)
    expect(call.function.name).toBe('get_weather')
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' })
  })

  it('setReplies changes behaviour without restarting', async () => {
    const client = await start({ replies: [{ reply: 'before' }] })
    expect((await client.chat.completions.create(ask('x'))).choices[0]?.message.content).toBe('before')
    server?.setReplies([{ reply: 'after' }])
    expect((await client.chat.completions.create(ask('x'))).choices[0]?.message.content).toBe('after')
  })

  it('a throwing reply function yields a 500 naming the error', async () => {
    const client = await start({
      replies: () => {
        throw new Error('boom in script')
      },
    })
    await expect(client.chat.completions.create(ask('x'))).rejects.toMatchObject({ status: 500, message: expect.stringContaining('boom in script') })
  })
})
