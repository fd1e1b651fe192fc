import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getMeasurement, wrapOpenAI } from '../../../src/measure/wrap-openai.js'
import { startModelServer, type ModelServer } from '../../../src/testing/index.js'
import { runWithTask } from '../../../src/worker/context.js'
import { taskMeta } from '../../../src/meta/index.js'
import { stableHash } from '../../../src/util/stable.js'

let server: ModelServer
beforeAll(async () => {
  server = await startModelServer({ latency: 30, ttft: 20 })
})
afterAll(() => server.stop())
beforeEach(() => {
  server.reset()
  server.setOptions({ faults: [] })
})

const client = (o: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) =>
  wrapOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: 'sk-test', maxRetries: 2, ...o }))
const messages = [{ role: 'user' as const, content: 'hello there' }]

describe('wrapOpenAI', () => {
  test('returns a measured client and leaves the original untouched', async () => {
    const original = new OpenAI({ baseURL: server.baseURL, apiKey: 'sk-test' })
    const wrapped = wrapOpenAI(original)
    expect(wrapped).toBeInstanceOf(OpenAI)
    const plain = await original.chat.completions.create({ model: 'm', messages })
    expect(getMeasurement(plain)).toBeUndefined()
    const reply = await wrapped.chat.completions.create({ model: 'm', messages })
    expect(reply.choices[0]?.message.content).toBe('echo: hello there')
    expect(getMeasurement(reply)).toMatchObject({ kind: 'chat', model: 'm', stream: false, ok: true, attempts: 1, ttftMs: null })
    expect(getMeasurement(reply)!.totalMs).toBeGreaterThanOrEqual(25)
    expect(getMeasurement(reply)!.promptTokens).toBeGreaterThan(0)
    expect(getMeasurement(reply)!.outputHash).toMatch(/^[0-9a-f]{16}$/)
    // The hash baselines always had: the sorted-keys serialisation of [content, tool_calls] per choice.
    expect(getMeasurement(reply)!.outputHash).toBe(stableHash([['echo: hello there', null]], 16))
  })

  test('the response the SDK read stays readable: withResponse() and asResponse() give the body again', async () => {
    const c = client()
    const { data, response } = await c.chat.completions.create({ model: 'm', messages }).withResponse()
    expect(data.choices[0]?.message.content).toBe('echo: hello there')
    expect(response.status).toBe(200)
    const again = (await response.json()) as typeof data
    expect(again.choices[0]?.message.content).toBe('echo: hello there')
    expect(again).not.toBe(data) // a read after the SDK's gets its own copy
    expect(JSON.parse(await response.text())).toEqual(again)
    expect(JSON.parse(await response.clone().text())).toEqual(again)
    expect(JSON.parse(new TextDecoder().decode(await response.arrayBuffer()))).toEqual(again)
    const raw = await c.chat.completions.create({ model: 'm', messages }).asResponse()
    expect(((await raw.json()) as typeof data).choices[0]?.message.content).toBe('echo: hello there')
    expect(server.requestCount('chat')).toBe(2)
  })

  test('streams: TTFT, usage requested and the usage-only chunk hidden from the caller', async () => {
    const stream = await client().chat.completions.create({ model: 'm', messages, stream: true })
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.every((c) => c.choices.length > 0)).toBe(true)
    expect(server.requests.at(-1)?.body).toMatchObject({ stream_options: { include_usage: true } })
    const m = getMeasurement(stream)!
    expect(m).toMatchObject({ stream: true, ok: true, attempts: 1 })
    expect(m.ttftMs).toBeGreaterThanOrEqual(15)
    expect(m.completionTokens).toBeGreaterThan(0)
    expect(m.totalMs).toBeGreaterThanOrEqual(m.ttftMs!)
  })

  test('a caller that asked for usage still gets its usage chunk', async () => {
    const stream = await client().chat.completions.create({ model: 'm', messages, stream: true, stream_options: { include_usage: true } })
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0)
  })

  test('a 429 with retry-after is retried by the SDK and recorded', async () => {
    server.setOptions({ faults: [{ kind: 'rate_limit', times: 1, retryAfter: 0 }] })
    const reply = await client().chat.completions.create({ model: 'm', messages })
    const m = getMeasurement(reply)!
    expect(m).toMatchObject({ ok: true, attempts: 2 })
    expect(m.failures).toEqual([expect.objectContaining({ kind: 'rate_limit', status: 429 })])
  })

  test('a 500 after retries fails, and every attempt is recorded', async () => {
    server.setOptions({ faults: [{ kind: 'server_error' }] })
    const c = client({ maxRetries: 1 })
    // A failed call has no result to attach to: its measurement goes to the running test's meta.
    const task = { id: 't', name: 't', meta: {} }
    const error = await runWithTask(task, () => c.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e))
    expect(error).toBeInstanceOf(OpenAI.APIError)
    const [m] = taskMeta(task).calls
    expect(m).toMatchObject({ ok: false, attempts: 2, error: { kind: 'server', status: 500 } })
    expect(m?.failures?.map((f) => f.status)).toEqual([500, 500])
  })

  test('a hung endpoint is a timeout; a truncated stream is an invalid response', async () => {
    server.setOptions({ faults: [{ kind: 'hang' }] })
    const { runLoad } = await import('../../../src/measure/load.js')
    const hung = await runLoad(() => client({ timeout: 150, maxRetries: 0 }).chat.completions.create({ model: 'm', messages }), { samples: 1 })
    expect(hung.samples[0]?.error?.kind).toBe('timeout')
    server.setOptions({ faults: [{ kind: 'truncate' }] })
    const truncated = await runLoad(() => client({ maxRetries: 0 }).chat.completions.create({ model: 'm', messages, stream: true }), { samples: 1 })
    expect(truncated.samples[0]?.error).toBeDefined()
  })

  test('embeddings are measured as their own kind', async () => {
    const res = await client().embeddings.create({ model: 'e', input: ['a b', 'c d'] })
    expect(res.data).toHaveLength(2)
    expect(getMeasurement(res)).toMatchObject({ kind: 'embedding', ok: true, attempts: 1 })
  })

  test('the API key never appears in a measurement', async () => {
    const reply = await client().chat.completions.create({ model: 'm', messages })
    expect(JSON.stringify(getMeasurement(reply))).not.toContain('sk-test')
  })
})

describe('classifyError', () => {
  test('recognises the SDK error classes by constructor (their name is "Error")', async () => {
    const { classifyError } = await import('../../../src/measure/errors.js')
    expect(classifyError(new OpenAI.APIConnectionTimeoutError()).kind).toBe('timeout')
    expect(classifyError(new OpenAI.APIConnectionError({ cause: new Error('x') })).kind).toBe('connection')
    expect(classifyError(Object.assign(new Error('x'), { status: 429 })).kind).toBe('rate_limit')
  })
})
