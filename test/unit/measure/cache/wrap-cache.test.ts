import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { getMeasurement } from '../../../../src/measure/wrap-openai.js'
import { startModelServer, type ModelServer } from '../../../../src/testing/index.js'
import { taskMeta } from '../../../../src/meta/index.js'
import { fakeTask, entriesIn, inTask, measured, useCacheDir } from './helpers.js'
import { forgetCacheStores } from '../../../../src/measure/cache/runtime.js'
import { DEFAULT_OPTIONS } from '../../../../src/plugin/options.js'
import { setRuntimeOptions } from '../../../../src/worker/context.js'

let server: ModelServer
beforeAll(async () => {
  server = await startModelServer({ latency: 20, ttft: 10 })
})
afterAll(() => server.stop())
beforeEach(() => {
  server.reset()
  server.setOptions({ faults: [], tokensPerSecond: undefined })
})
const cache = useCacheDir()
const messages = [{ role: 'user' as const, content: 'hello there' }]

async function readStream(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return { chunks, text: chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('') }
}

describe('record/replay cache in wrapOpenAI', () => {
  test('read-write: a miss calls and records, a hit replays without a request and is marked cached', async () => {
    const client = measured(server.baseURL)
    const first = await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages, temperature: 0 }))
    expect(server.requestCount()).toBe(1)
    expect(getMeasurement(first)).toMatchObject({ cache: 'miss', ok: true })
    expect(getMeasurement(first)!.cached).toBeUndefined()
    expect(await entriesIn(cache.dir())).toHaveLength(1)

    const task = fakeTask()
    const again = await inTask(task, () => client.chat.completions.create({ temperature: 0, messages, model: 'm' }))
    expect(server.requestCount()).toBe(1)
    expect(again.choices[0]?.message.content).toBe(first.choices[0]?.message.content)
    expect(again.usage).toEqual(first.usage)
    const m = getMeasurement(again)!
    expect(m).toMatchObject({ cache: 'hit', cached: true, ok: true, attempts: 1, model: 'm', promptTokens: first.usage!.prompt_tokens })
    // Replay timing stays apart from the original call's timing.
    expect(m.recorded!.totalMs).toBeGreaterThanOrEqual(15)
    expect(m.totalMs).toBeLessThan(m.recorded!.totalMs)
    expect(taskMeta(task).calls).toEqual([m])
  })

  test('streams replay through the SDK parser: same chunks, usage chunk hidden, recorded TTFT kept', async () => {
    const client = measured(server.baseURL)
    const live = await inTask(fakeTask(), async () => readStream(await client.chat.completions.create({ model: 'm', messages, stream: true })))
    const stream = await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages, stream: true }))
    const replayed = await readStream(stream)
    expect(server.requestCount()).toBe(1)
    expect(replayed.text).toBe(live.text)
    expect(replayed.chunks.map((c) => c.choices.length)).toEqual(live.chunks.map((c) => c.choices.length))
    expect(replayed.chunks.every((c) => c.choices.length > 0)).toBe(true)
    const m = getMeasurement(stream)!
    expect(m).toMatchObject({ cache: 'hit', cached: true, stream: true, ok: true })
    expect(m.completionTokens).toBeGreaterThan(0)
    expect(m.recorded!.ttftMs).toBeGreaterThanOrEqual(5)
    expect(m.ttftMs).not.toBeNull()
  })

  test('a caller that asked for usage gets its usage chunk from a replay too', async () => {
    const client = measured(server.baseURL)
    const body = { model: 'm', messages, stream: true as const, stream_options: { include_usage: true } }
    await inTask(fakeTask(), async () => readStream(await client.chat.completions.create(body)))
    const replayed = await inTask(fakeTask(), async () => readStream(await client.chat.completions.create(body)))
    expect(server.requestCount()).toBe(1)
    expect(replayed.chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0)
  })

  test('withResponse() works on a replay, and embeddings are cached like chat calls', async () => {
    const client = measured(server.baseURL)
    await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    const { data, response } = await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }).withResponse())
    expect(response.status).toBe(200)
    expect(response.headers.get('x-evalgate-cache')).toBe('hit')
    expect(data.choices[0]?.message.content).toBe('echo: hello there')

    const e1 = await inTask(fakeTask(), () => client.embeddings.create({ model: 'emb', input: 'the same text' }))
    const e2 = await inTask(fakeTask(), () => client.embeddings.create({ model: 'emb', input: 'the same text' }))
    expect(server.requestCount('embeddings')).toBe(1)
    expect(e2.data[0]!.embedding).toEqual(e1.data[0]!.embedding)
    expect(getMeasurement(e2)).toMatchObject({ kind: 'embedding', cache: 'hit', cached: true })
  })

  test('the key ignores the API key and headers, but not the port, the model, messages or parameters', async () => {
    const other = await startModelServer()
    try {
      await inTask(fakeTask(), () => measured(server.baseURL, 'sk-one').chat.completions.create({ model: 'm', messages }))
      await inTask(fakeTask(), () => measured(server.baseURL, 'sk-two', { defaultHeaders: { 'x-trace': 'abc' } }).chat.completions.create({ model: 'm', messages }))
      expect(server.requestCount()).toBe(1)
      // A second local server with the same model id on another port does not replay the first one's answers.
      await inTask(fakeTask(), () => measured(other.baseURL).chat.completions.create({ model: 'm', messages }))
      expect(other.requestCount()).toBe(1)
      const client = measured(server.baseURL)
      await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm2', messages }))
      await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages, temperature: 0.5 }))
      await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hello' }] }))
      await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages, response_format: { type: 'json_object' } }))
      expect(server.requestCount()).toBe(5)
    } finally {
      await other.stop()
    }
  })

  test('cache.endpointAlias: a server on a new random port still hits what was recorded under the alias', async () => {
    setRuntimeOptions({ ...DEFAULT_OPTIONS, cache: { enabled: true, mode: 'read-write', dir: cache.dir(), endpointAlias: 'local-model' } })
    const other = await startModelServer()
    try {
      await inTask(fakeTask(), () => measured(server.baseURL).chat.completions.create({ model: 'm', messages }))
      await inTask(fakeTask(), () => measured(other.baseURL).chat.completions.create({ model: 'm', messages }))
      expect(server.requestCount() + other.requestCount()).toBe(1)
      const [entry] = await entriesIn(cache.dir())
      expect(JSON.parse(entry!.text).request.endpoint).toBe('local-model/v1/chat/completions')
    } finally {
      await other.stop()
    }
  })

  test('identical requests within one test are recorded one by one (votes, samples); trials apart', async () => {
    const client = measured(server.baseURL)
    const task = fakeTask('votes')
    await inTask(task, async () => {
      for (let i = 0; i < 3; i++) await client.chat.completions.create({ model: 'm', messages })
    })
    expect(server.requestCount()).toBe(3)
    expect(await entriesIn(cache.dir())).toHaveLength(3)
    // The same test run again (a new task object) replays all three.
    await inTask(fakeTask('votes'), async () => {
      for (let i = 0; i < 3; i++) await client.chat.completions.create({ model: 'm', messages })
    })
    expect(server.requestCount()).toBe(3)
    // A second trial (Vitest repeats) has its own recordings.
    await inTask(fakeTask('votes', 1), () => client.chat.completions.create({ model: 'm', messages }))
    expect(server.requestCount()).toBe(4)
  })

  test('replay: a miss fails at once, naming the test and the request, without a network call', async () => {
    cache.setMode('replay')
    const client = measured(server.baseURL)
    const task = fakeTask('classify billing')
    const error = await inTask(task, () => client.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'I was charged twice for my subscription, please help me now' }] })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.APIError)
    const message = (error as Error).message
    expect(message).toContain('no recording of this request in replay mode')
    expect(message).toContain('test: suite > classify billing (/x/evals/a.eval.ts)')
    expect(message).toContain(`POST 127.0.0.1:${new URL(server.baseURL).port}/v1/chat/completions, model "gpt-x", last user message "I was charged twice for my subscription, please help me now"`)
    expect(message).toContain('EVALGATE_CACHE=read-write')
    expect(server.requestCount()).toBe(0)
    expect(taskMeta(task).calls[0]).toMatchObject({ cache: 'unavailable', ok: false, attempts: 1 })
  })

  test('replay: a recorded request is replayed', async () => {
    const client = measured(server.baseURL)
    await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    cache.setMode('replay')
    const reply = await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    expect(reply.choices[0]?.message.content).toBe('echo: hello there')
    expect(server.requestCount()).toBe(1)
  })

  test('record always calls and overwrites; off neither reads nor writes', async () => {
    const client = measured(server.baseURL)
    await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    cache.setMode('record')
    const recorded = await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    expect(server.requestCount()).toBe(2)
    expect(getMeasurement(recorded)).toMatchObject({ cache: 'miss' })
    cache.setMode('off')
    const off = await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'not cached' }] }))
    expect(server.requestCount()).toBe(3)
    expect(getMeasurement(off)!.cache).toBeUndefined()
    expect(await entriesIn(cache.dir())).toHaveLength(1)
  })

  test('without the cache option (or the plugin) nothing is cached, whatever EVALGATE_CACHE says', async () => {
    cache.setMode('read-write', false)
    vi.stubEnv('EVALGATE_CACHE', 'read-write')
    const client = measured(server.baseURL)
    await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    expect(server.requestCount()).toBe(2)
    expect(await entriesIn(cache.dir())).toHaveLength(0)
  })

  test('EVALGATE_CACHE wins over the configured mode; a bad value fails the call with a clear message', async () => {
    const client = measured(server.baseURL)
    vi.stubEnv('EVALGATE_CACHE', 'off')
    await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    expect(await entriesIn(cache.dir())).toHaveLength(0)
    vi.stubEnv('EVALGATE_CACHE', 'sometimes')
    const error = await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages })).then(() => new Error('expected a failure'), (e: unknown) => e as Error)
    expect(error.message).toContain('EVALGATE_CACHE must be one of read-write, replay, record, off; got "sometimes"')
    expect(server.requestCount()).toBe(1)
  })

  test('only 2xx final answers are recorded: a retried 5xx records the success, a failure nothing', async () => {
    const client = measured(server.baseURL)
    server.setOptions({ faults: [{ kind: 'server_error', times: 1 }] })
    const reply = await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    expect(getMeasurement(reply)).toMatchObject({ attempts: 2, cache: 'miss', ok: true })
    expect(await entriesIn(cache.dir())).toHaveLength(1)

    server.setOptions({ faults: [{ kind: 'server_error' }] })
    const other = [{ role: 'user' as const, content: 'always failing' }]
    await expect(inTask(fakeTask(), () => measured(server.baseURL, 'k', { maxRetries: 1 }).chat.completions.create({ model: 'm', messages: other }))).rejects.toThrow()
    expect(await entriesIn(cache.dir())).toHaveLength(1)
  })

  test('a stream cut short by the caller, or broken by the server, is not recorded', async () => {
    const client = measured(server.baseURL)
    server.setOptions({ tokensPerSecond: 50 }) // the stream lasts ~0.5 s: stopping early really cuts it short
    await inTask(fakeTask(), async () => {
      const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'a b c d e f g h i j k l m n o p q r s t u v w x y z' }], stream: true })
      for await (const _ of stream) break
    })
    expect(await entriesIn(cache.dir())).toHaveLength(0)
    server.setOptions({ faults: [{ kind: 'truncate' }] })
    await expect(
      inTask(fakeTask(), async () => readStream(await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'one two three four five six' }], stream: true }))),
    ).rejects.toThrow()
    expect(await entriesIn(cache.dir())).toHaveLength(0)
  })

  test('a corrupt entry line is a miss in read-write (and rewritten), and named in replay mode', async () => {
    const client = measured(server.baseURL)
    await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    const [entry] = await entriesIn(cache.dir())
    const { readFile, writeFile } = await import('node:fs/promises')
    // The line keeps its key (the index finds it) but its JSON is cut: only this entry is unusable.
    await writeFile(entry!.path, (await readFile(entry!.path, 'utf8')).replace(/,"response":.*$/m, ',"response":{'))
    forgetCacheStores() // a new run reads the pack afresh
    cache.setMode('replay')
    const error = await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages })).then(() => new Error('expected a failure'), (e: unknown) => e as Error)
    expect(error.message).toContain('the recording is unusable')
    expect(error.message).toContain(entry!.path)
    expect(server.requestCount()).toBe(1)
    cache.setMode('read-write')
    await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    expect(server.requestCount()).toBe(2)
    forgetCacheStores()
    const entries = await entriesIn(cache.dir())
    expect(entries).toHaveLength(1)
    expect(JSON.parse(entries[0]!.text)).toMatchObject({ format: 'evalgate-cache-v1', response: { status: 200 } })
  })

  test('a corrupt pack (a line that is not an entry: a merge conflict) fails every mode, naming file and line, and is never written over', async () => {
    const client = measured(server.baseURL)
    await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    const [entry] = await entriesIn(cache.dir())
    const { readFile, writeFile } = await import('node:fs/promises')
    const conflicted = `<<<<<<< HEAD\n${await readFile(entry!.path, 'utf8')}=======\n>>>>>>> branch\n`
    await writeFile(entry!.path, conflicted)
    for (const mode of ['replay', 'read-write', 'record'] as const) {
      forgetCacheStores()
      cache.setMode(mode)
      const other = [{ role: 'user' as const, content: `another question (${mode})` }]
      const error = await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages: other })).then(() => new Error('expected a failure'), (e: unknown) => e as Error)
      expect(error.message, mode).toContain(`the cache pack is unusable: ${entry!.path}:1 is not a cache entry line`)
    }
    expect(server.requestCount()).toBe(1)
    expect(await readFile(entry!.path, 'utf8')).toBe(conflicted)
  })

  test('concurrent identical misses all succeed and leave one valid entry', async () => {
    const client = measured(server.baseURL)
    await Promise.all(Array.from({ length: 8 }, () => inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))))
    const files = await entriesIn(cache.dir())
    expect(files).toHaveLength(1)
    expect(JSON.parse(files[0]!.text).response.status).toBe(200)
  })

  test('cache files hold no API key and no header', async () => {
    const secret = 'sk-live-SECRET-0123456789abcdef'
    const client = measured(server.baseURL, secret, { defaultHeaders: { 'x-custom': 'header-value-xyz' } })
    await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    await inTask(fakeTask(), async () => readStream(await client.chat.completions.create({ model: 'm', messages, stream: true })))
    await inTask(fakeTask(), () => client.embeddings.create({ model: 'e', input: 'x' }))
    const files = await entriesIn(cache.dir())
    expect(files).toHaveLength(3)
    for (const f of files) {
      expect(f.text).not.toContain(secret)
      expect(f.text.toLowerCase()).not.toContain('authorization')
      expect(f.text).not.toContain('header-value-xyz')
      expect(f.text).not.toContain('x-evalgate')
      expect(f.path).toMatch(/[/\\]packs[/\\]_outside[/\\][0-9a-f]{16}\.jsonl$/)
    }
  })
})
