/**
 * Issue 10 rows 3, 4 and 9: a 2xx that is not an answer (truncated SSE without finish_reason/[DONE], a
 * non-JSON body, an HTML page, empty choices, null content) is a failed call of its own kind and is never
 * recorded, so it cannot be replayed after the endpoint recovers.
 */
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getMeasurement } from '../../../../src/measure/wrap-openai.js'
import { startModelServer, type FaultKind, type ModelServer } from '../../../../src/testing/index.js'
import { taskMeta } from '../../../../src/meta/index.js'
import { fakeTask, entriesIn, inTask, measured, useCacheDir } from './helpers.js'

let server: ModelServer
beforeAll(async () => {
  server = await startModelServer({ latency: 5, ttft: 5 })
})
afterAll(() => server.stop())
beforeEach(() => {
  server.reset()
  server.setOptions({ faults: [] })
})
const cache = useCacheDir()
const messages = [{ role: 'user' as const, content: 'hello there' }]

const nonStream: Array<[FaultKind, string, RegExp]> = [
  ['non_json', 'not_json', /not JSON/],
  ['html', 'html', /HTML page/],
  ['empty_choices', 'empty_choices', /no choices/],
  ['null_content', 'null_content', /null content/],
]

describe('broken 2xx answers', () => {
  test.each(nonStream)('non-stream %s: a failed call of kind %s, not recorded, the recovered endpoint is called again', async (fault, kind, message) => {
    server.setOptions({ faults: [{ kind: fault, times: 1 }] })
    const client = measured(server.baseURL)
    const task = fakeTask()
    const error = await inTask(task, () => client.chat.completions.create({ model: 'm', messages })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(message)
    expect(taskMeta(task).calls[0]).toMatchObject({ ok: false, error: { kind }, attempts: 1 })
    expect(await entriesIn(cache.dir())).toHaveLength(0)
    const good = await inTask(fakeTask(), () => client.chat.completions.create({ model: 'm', messages }))
    expect(good.choices[0]?.message.content).toBe('echo: hello there')
    expect(getMeasurement(good)).toMatchObject({ ok: true, cache: 'miss' })
    expect(server.requestCount()).toBe(2)
  })

  test.each([
    ['truncated_sse', 'truncated', /without a finish_reason or \[DONE\]/],
    ['empty_choices', 'empty_choices', /no choices/],
  ] as Array<[FaultKind, string, RegExp]>)('stream %s: the stream fails for its reader, kind %s, not recorded', async (fault, kind, message) => {
    server.setOptions({ faults: [{ kind: fault, times: 1 }] })
    const client = measured(server.baseURL)
    const task = fakeTask()
    const read = inTask(task, async () => {
      const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'one two three four five six' }], stream: true })
      for await (const _ of stream) void _
    })
    await expect(read).rejects.toThrow(message)
    expect(taskMeta(task).calls[0]).toMatchObject({ ok: false, error: { kind } })
    expect(await entriesIn(cache.dir())).toHaveLength(0)
  })
})
