import { afterEach, describe, expect, it } from 'vitest'
import OpenAI from 'openai'
import { FaultInjector } from '../../../src/testing/faults.js'
import type { ChatRequest, ModelServer, ModelServerOptions } from '../../../src/testing/index.js'
import { ask, setup } from './helpers.js'

let server: ModelServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

async function start(options: ModelServerOptions, client: { maxRetries?: number; timeout?: number } = {}): Promise<OpenAI> {
  const s = await setup(options, client)
  server = s.server
  return s.client
}

describe('fault injection through the SDK', () => {
  it('rate_limit: 429 with retry-after, retried by the SDK, then succeeds (times: 1)', async () => {
    const client = await start({ faults: [{ kind: 'rate_limit', times: 1, retryAfter: 0 }] }, { maxRetries: 2 })
    const r = await client.chat.completions.create(ask('hi'))
    expect(r.choices[0]?.message.content).toBe('echo: hi')
    expect(server?.requestCount('chat')).toBe(2)

    const raw = await fetch(`${server?.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ask('x')),
    })
    expect(raw.status).toBe(200)
    server?.setOptions({ faults: [{ kind: 'rate_limit', retryAfter: 3 }] })
    const limited = await fetch(`${server?.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ask('x')),
    })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit_exceeded', type: 'requests' } })
  })

  it('rate_limit surfaces as RateLimitError when retries are exhausted', async () => {
    const client = await start({ faults: [{ kind: 'rate_limit' }] }, { maxRetries: 1 })
    const err: unknown = await client.chat.completions.create(ask('hi')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OpenAI.RateLimitError)
    expect(server?.requestCount()).toBe(2)
  })

  it('server_error: APIError with status 500', async () => {
    const client = await start({ faults: [{ kind: 'server_error' }] })
    const err: unknown = await client.chat.completions.create(ask('hi')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OpenAI.APIError)
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(500)
    expect((err as InstanceType<typeof OpenAI.APIError>).requestID).toBe('req_1')
  })

  it('hang: the SDK times out', async () => {
    const client = await start({ faults: [{ kind: 'hang' }] }, { timeout: 200 })
    const t0 = performance.now()
    const err: unknown = await client.chat.completions.create(ask('hi')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OpenAI.APIConnectionTimeoutError)
    expect(performance.now() - t0).toBeLessThan(3000)
  })

  it('truncate: stream iteration rejects without [DONE]', async () => {
    const client = await start({ faults: [{ kind: 'truncate' }], replies: [{ reply: 'one two three four five six seven eight' }] })
    const stream = await client.chat.completions.create({ ...ask('hi'), stream: true })
    let text = ''
    const consume = async (): Promise<void> => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    }
    await expect(consume()).rejects.toThrow()
    expect(text.length).toBeGreaterThan(0)
    expect(text).not.toBe('one two three four five six seven eight')
  })

  it('truncate: a non-stream answer fails to parse', async () => {
    const client = await start({ faults: [{ kind: 'truncate' }] })
    await expect(client.chat.completions.create(ask('hi'))).rejects.toThrow()
  })

  it('invalid_json: 200 with a non-JSON body is an SDK error (chat, stream and embeddings)', async () => {
    const client = await start({ faults: [{ kind: 'invalid_json' }] })
    client.logLevel = 'off' // the SDK logs the unparsable SSE event
    await expect(client.chat.completions.create(ask('hi'))).rejects.toThrow()
    const stream = await client.chat.completions.create({ ...ask('hi'), stream: true })
    const consume = async (): Promise<void> => {
      for await (const _chunk of stream) void _chunk
    }
    await expect(consume()).rejects.toThrow()
    await expect(client.embeddings.create({ model: 'e', input: 'x' })).rejects.toThrow()
  })

  it('every, times, match and endpoint select the requests hit', async () => {
    const client = await start({
      faults: [
        { kind: 'server_error', every: 2, times: 2, endpoint: 'chat' },
        { kind: 'rate_limit', match: 'limit me' },
      ],
    })
    const outcome = async (text: string): Promise<number> => {
      try {
        await client.chat.completions.create(ask(text))
        return 200
      } catch (e) {
        return (e as InstanceType<typeof OpenAI.APIError>).status ?? -1
      }
    }
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push(await outcome('plain'))
    expect(statuses).toEqual([200, 500, 200, 500, 200, 200])
    expect(await outcome('please limit me')).toBe(429)
    const emb = await client.embeddings.create({ model: 'e', input: 'plain' })
    expect(emb.data).toHaveLength(1)
    server?.reset()
    expect(server?.requestCount()).toBe(0)
    expect(await outcome('plain')).toBe(200)
    expect(await outcome('plain')).toBe(500)
  })
})

describe('FaultInjector', () => {
  it('counts eligible requests per fault; embeddings match on input text, never on functions', () => {
    const chat = (text: string): { endpoint: 'chat'; request: ChatRequest } => ({
      endpoint: 'chat',
      request: { model: 'm', messages: [{ role: 'user', content: text }] },
    })
    const inj = new FaultInjector([
      { kind: 'hang', match: () => true, times: 1 },
      { kind: 'truncate', match: /secret/ },
    ])
    expect(inj.pick({ endpoint: 'embeddings', text: 'nothing' })).toBeUndefined()
    expect(inj.pick({ endpoint: 'embeddings', text: 'a secret' })?.kind).toBe('truncate')
    expect(inj.pick(chat('secret'))?.kind).toBe('hang')
    expect(inj.pick(chat('secret'))?.kind).toBe('truncate')
    expect(inj.pick(chat('x'))).toBeUndefined()
  })
})
