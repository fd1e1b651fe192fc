import { afterEach, describe, expect, it } from 'vitest'
import OpenAI from 'openai'
import { startModelServer, type ModelServer } from '../../../src/testing/index.js'
import { ask, setup } from './helpers.js'

let server: ModelServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

describe('model server', () => {
  it('listens on 127.0.0.1 with a /v1 baseURL', async () => {
    server = await startModelServer()
    expect(server.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
    expect(server.baseURL).toBe(`${server.url}/v1`)
    expect(server.port).toBeGreaterThan(0)
  })

  it('records every request in order, never storing the API key', async () => {
    const s = await setup({}, { apiKey: 'sk-secret-123' })
    server = s.server
    await s.client.chat.completions.create(ask('first'))
    await s.client.embeddings.create({ model: 'emb', input: 'second' })
    await s.client.models.list()
    await fetch(`${server.baseURL}/nope?x=1`)
    const reqs = server.requests
    expect(reqs.map((r) => r.endpoint)).toEqual(['chat', 'embeddings', 'models', 'other'])
    expect(reqs.map((r) => r.id)).toEqual(['req_1', 'req_2', 'req_3', 'req_4'])
    expect(reqs[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: ask('first') })
    expect(reqs[3]).toMatchObject({ method: 'GET', path: '/v1/nope', body: null })
    expect(reqs[0]?.headers.authorization).toBe('[REDACTED]')
    expect(reqs[0]?.headers['content-type']).toMatch(/application\/json/)
    expect(typeof reqs[0]?.receivedAt).toBe('number')
    expect(JSON.stringify(reqs)).not.toContain('sk-secret-123')
    expect(server.requestCount()).toBe(4)
    expect(server.requestCount('chat')).toBe(1)
    expect(server.requestCount('embeddings')).toBe(1)
    server.reset()
    expect(server.requests).toEqual([])
  })

  it('lists configured and seen models', async () => {
    const s = await setup({ models: ['configured-a'] })
    server = s.server
    await s.client.chat.completions.create({ ...ask('x'), model: 'seen-b' })
    const list = await s.client.models.list()
    expect(list.data.map((m) => m.id)).toEqual(['configured-a', 'seen-b'])
    const one = await s.client.models.retrieve('seen-b')
    expect(one).toMatchObject({ id: 'seen-b', object: 'model' })
    await expect(s.client.models.retrieve('missing')).rejects.toBeInstanceOf(OpenAI.NotFoundError)
  })

  it('answers 404 JSON for unknown routes and 400 JSON for malformed bodies', async () => {
    server = await startModelServer()
    const notFound = await fetch(`${server.baseURL}/completions`, { method: 'POST', body: '{}' })
    expect(notFound.status).toBe(404)
    expect(await notFound.json()).toMatchObject({ error: { type: 'invalid_request_error' } })
    const bad = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model": "m", "messages": [',
    })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error' } })
    const invalid = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm' }),
    })
    expect(invalid.status).toBe(400)
    expect(server.requests[1]?.body).toBeNull()
  })

  it('stop() ends hung connections promptly', async () => {
    const s = await setup({ faults: [{ kind: 'hang' }] }, { timeout: 30_000 })
    server = s.server
    const pending = Promise.all([
      s.client.chat.completions.create(ask('a')).catch((e: unknown) => e),
      s.client.chat.completions.create({ ...ask('b'), stream: true }).catch((e: unknown) => e),
      s.client.embeddings.create({ model: 'e', input: 'c' }).catch((e: unknown) => e),
    ])
    while (s.server.requestCount() < 3) await new Promise((r) => setTimeout(r, 5))
    const t0 = performance.now()
    await s.server.stop()
    const errors = await pending
    expect(performance.now() - t0).toBeLessThan(1000)
    for (const e of errors) expect(e).toBeInstanceOf(OpenAI.APIConnectionError)
    await s.server.stop() // idempotent
  })

  it('stop() also ends connections waiting on latency and mid-stream', async () => {
    const s = await setup({ latency: 20_000 }, { timeout: 30_000 })
    server = s.server
    const slow = s.client.chat.completions.create(ask('a')).catch((e: unknown) => e)
    while (s.server.requestCount() < 1) await new Promise((r) => setTimeout(r, 5))
    const t0 = performance.now()
    await s.server.stop()
    expect(await slow).toBeInstanceOf(OpenAI.APIConnectionError)
    expect(performance.now() - t0).toBeLessThan(1000)
  })

  it('setOptions changes latency and faults between tests', async () => {
    const s = await setup()
    server = s.server
    s.server.setOptions({ faults: [{ kind: 'server_error', times: 1 }] })
    await expect(s.client.chat.completions.create(ask('x'))).rejects.toMatchObject({ status: 500 })
    await expect(s.client.chat.completions.create(ask('x'))).resolves.toBeDefined()
    s.server.setOptions({ faults: [], latency: 100 })
    const t0 = performance.now()
    await s.client.chat.completions.create(ask('x'))
    expect(performance.now() - t0).toBeGreaterThanOrEqual(95)
  })
})
