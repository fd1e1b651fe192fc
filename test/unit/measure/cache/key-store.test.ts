import { mkdtemp, readFile, rm, stat, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { replayResponse, toCachedResponse } from '../../../../src/measure/cache/entry.js'
import { cacheKey, describeRequest, endpointOf } from '../../../../src/measure/cache/key.js'
import { effectiveCacheMode, parseCacheMode } from '../../../../src/measure/cache/mode.js'
import { nextOccurrence } from '../../../../src/measure/cache/occurrence.js'
import { CacheStore } from '../../../../src/measure/cache/store.js'
import { CACHE_FORMAT, type CacheEntry } from '../../../../src/measure/cache/types.js'
import { resolveOptions } from '../../../../src/plugin/options.js'

describe('cache keys', () => {
  test('endpoint = host without port + path; credentials and query left out except api-version', () => {
    expect(endpointOf('http://127.0.0.1:51234/v1/chat/completions')).toBe('127.0.0.1:51234/v1/chat/completions')
    // Two local servers on different ports are different endpoints; an alias stands for host and port.
    expect(endpointOf('http://127.0.0.1:51235/v1/chat/completions')).not.toBe(endpointOf('http://127.0.0.1:51234/v1/chat/completions'))
    expect(endpointOf('http://127.0.0.1:51234/v1/chat/completions', 'local-model')).toBe('local-model/v1/chat/completions')
    expect(endpointOf('http://127.0.0.1:40000/v1/chat/completions', 'local-model')).toBe('local-model/v1/chat/completions')
    expect(endpointOf('https://user:pw@api.openai.com/v1/embeddings/?key=secret')).toBe('api.openai.com/v1/embeddings')
    expect(endpointOf('https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-06-01&sig=s')).toBe(
      'x.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-06-01',
    )
  })

  test('stable across key order; changes with the body, trial and occurrence; trial/occurrence 0 = absent', () => {
    const base = { endpoint: 'h/v1/chat/completions', body: { model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 0 } }
    const key = cacheKey(base)
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(cacheKey({ body: { temperature: 0, messages: [{ content: 'hi', role: 'user' }], model: 'm' }, endpoint: 'h/v1/chat/completions' })).toBe(key)
    expect(cacheKey({ ...base, trial: 0, occurrence: 0 })).toBe(key)
    const others = [
      cacheKey({ ...base, trial: 1 }),
      cacheKey({ ...base, occurrence: 1 }),
      cacheKey({ ...base, endpoint: 'h/v1/embeddings' }),
      cacheKey({ ...base, body: { ...base.body, temperature: 1 } }),
      cacheKey({ ...base, body: { ...base.body, tools: [] } }),
    ]
    expect(new Set([key, ...others]).size).toBe(6)
  })

  test('the format version is part of the key', async () => {
    const { stableHash } = await import('../../../../src/util/stable.js')
    const request = { endpoint: 'e', body: { a: 1 } }
    expect(cacheKey(request)).toBe(stableHash({ format: CACHE_FORMAT, ...request }))
  })

  test('describeRequest names endpoint, model and the start of the last user message', () => {
    const body = { model: 'gpt', messages: [{ role: 'user', content: 'first' }, { role: 'assistant', content: 'a' }, { role: 'user', content: [{ type: 'text', text: 'x'.repeat(100) }] }] }
    expect(describeRequest('h/v1/chat/completions', body)).toBe(`POST h/v1/chat/completions, model "gpt", last user message "${'x'.repeat(60)}…"`)
    expect(describeRequest('h/v1/embeddings', { model: 'e', input: ['a', 'b'] })).toBe('POST h/v1/embeddings, model "e", input "["a","b"]"')
  })

  test('occurrences count identical requests per task and trial; outside tests they are always 0', () => {
    const task = {}
    expect([nextOccurrence(task, 0, 'r'), nextOccurrence(task, 0, 'r'), nextOccurrence(task, 1, 'r'), nextOccurrence(task, 0, 'other')]).toEqual([0, 1, 0, 0])
    expect([nextOccurrence(undefined, 0, 'r'), nextOccurrence(undefined, 0, 'r')]).toEqual([0, 0])
  })
})

describe('cache modes and options', () => {
  test('off unless configured; EVALGATE_CACHE wins when configured; CI changes nothing', () => {
    const on = resolveOptions({ cache: {} }).cache
    expect(on).toEqual({ enabled: true, mode: 'read-write', dir: '.evalgate/cache' })
    expect(resolveOptions({}).cache.enabled).toBe(false)
    expect(resolveOptions({ cache: false }).cache.enabled).toBe(false)
    expect(resolveOptions({ cache: true }).cache).toEqual(on)
    expect(effectiveCacheMode(resolveOptions({}).cache, { EVALGATE_CACHE: 'replay' })).toBe('off')
    expect(effectiveCacheMode(on, {})).toBe('read-write')
    expect(effectiveCacheMode(on, { CI: 'true' })).toBe('read-write')
    expect(effectiveCacheMode(on, { EVALGATE_CACHE: ' Replay ' })).toBe('replay')
    expect(effectiveCacheMode(on, { EVALGATE_CACHE: '' })).toBe('read-write')
    expect(effectiveCacheMode(resolveOptions({ cache: { mode: 'off' } }).cache, { EVALGATE_CACHE: 'record' })).toBe('record')
    expect(() => parseCacheMode('always', 'EVALGATE_CACHE')).toThrow('EVALGATE_CACHE must be one of read-write, replay, record, off; got "always"')
  })

  test('bad cache and cases options are rejected by name', () => {
    expect(() => resolveOptions({ cache: { mode: 'sometimes' } })).toThrow(/cache\.mode" must be one of "read-write", "replay", "record", "off"/)
    expect(() => resolveOptions({ cache: { folder: 'x' } })).toThrow(/unknown option "cache\.folder"/)
    expect(() => resolveOptions({ cases: { concurrency: 0 } })).toThrow(/cases\.concurrency/)
    expect(() => resolveOptions({ cases: { trials: 1.5 } })).toThrow(/cases\.trials/)
    expect(resolveOptions({ cases: { concurrency: 4, subset: 'evals/subset.json' } }).cases).toEqual({ concurrency: 4, subset: 'evals/subset.json', trials: 1 })
  })
})

describe('CacheStore', () => {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evalgate-store-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  const entry = (content: string, at = '2025-01-01T00:00:00.000Z'): CacheEntry => ({
    format: CACHE_FORMAT,
    key: 'ab'.repeat(32),
    kind: 'chat',
    request: { endpoint: 'h/v1/chat/completions', body: { model: 'm' } },
    response: toCachedResponse(200, 'application/json', JSON.stringify({ content })),
    recorded: { at, totalMs: 12, ttftMs: null },
  })

  test('sharded stable pretty JSON; an unchanged answer is not rewritten, only touched', async () => {
    const store = new CacheStore(dir)
    await store.put(entry('a'))
    const file = store.fileOf('ab'.repeat(32))
    expect(file).toBe(join(dir, 'ab', `${'ab'.repeat(32)}.json`))
    const text = await readFile(file, 'utf8')
    expect(text.endsWith('}\n')).toBe(true)
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['format', 'key', 'kind', 'recorded', 'request', 'response'])
    const old = new Date('2020-01-01')
    await utimes(file, old, old)
    await store.put(entry('a', '2026-01-01T00:00:00.000Z'))
    expect(await readFile(file, 'utf8')).toBe(text)
    expect((await stat(file)).mtime.getTime()).toBeGreaterThan(old.getTime())
    await store.put(entry('b'))
    expect(JSON.parse(await readFile(file, 'utf8')).response.json).toEqual({ content: 'b' })
  })

  test('lookups: missing, found, foreign format', async () => {
    const store = new CacheStore(dir)
    expect(await store.get('cd'.repeat(32))).toEqual({ found: false, file: store.fileOf('cd'.repeat(32)) })
    await store.put(entry('a'))
    expect(await store.get('ab'.repeat(32))).toMatchObject({ found: true, entry: { response: { json: { content: 'a' } } } })
    await store.put({ ...entry('a'), format: 'evalgate-cache-v0' as never, response: { status: 200, contentType: 'text/plain', text: 'x' } })
    expect(await store.get('ab'.repeat(32))).toMatchObject({ found: false, problem: expect.stringContaining('expected "evalgate-cache-v1"') })
  })

  test('responses are replayed byte for byte for SSE and text, re-serialised for JSON', async () => {
    const sse = 'data: {"a":1}\n\ndata: [DONE]\n\n'
    const e = { ...entry('x'), response: toCachedResponse(200, 'text/event-stream; charset=utf-8', sse) }
    expect(e.response.sse).toEqual(['data: {"a":1}', '', 'data: [DONE]', '', ''])
    expect(await replayResponse(e).text()).toBe(sse)
    expect(replayResponse(e).headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const text = { ...entry('x'), response: toCachedResponse(200, 'text/plain', 'plain body') }
    expect(await replayResponse(text).text()).toBe('plain body')
    expect(toCachedResponse(200, 'application/json', 'not json')).toEqual({ status: 200, contentType: 'application/json', text: 'not json' })
  })
})
