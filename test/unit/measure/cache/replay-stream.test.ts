import { describe, expect, test } from 'vitest'
import { replaySse } from '../../../../src/measure/cache/replay-stream.js'
import { observeSse, type SseData, type SseObserver } from '../../../../src/measure/sse.js'

/** An observer that logs what it is shown; drops usage-only chunks; fails at [DONE] when told to. */
function logger(failAtDone = false): { log: string[]; observer: SseObserver } {
  const log: string[] = []
  const observer: SseObserver = {
    onEvent(data: SseData) {
      log.push(data.done ? 'event [DONE]' : `event ${JSON.stringify(data.json)}`)
      return !(!data.done && (data.json as { choices?: unknown[] }).choices?.length === 0)
    },
    onDone() {
      log.push('done')
      return failAtDone ? new Error('no choices') : undefined
    },
    onEnd() {
      log.push('end')
    },
    onError(error) {
      log.push(`error ${String(error)}`)
    },
    onCancel() {
      log.push('cancel')
    },
  }
  return { log, observer }
}

async function read(stream: ReadableStream<Uint8Array>, stopAfter = Infinity): Promise<{ text: string; error?: string }> {
  const reader = stream.getReader()
  const decoder = new TextDecoder()
  let text = ''
  try {
    for (let n = 0; ; n++) {
      if (n >= stopAfter) {
        await reader.cancel()
        return { text }
      }
      const { done, value } = await reader.read()
      if (done) return { text }
      text += decoder.decode(value, { stream: true })
    }
  } catch (error) {
    return { text, error: (error as Error).message }
  }
}

const live = (text: string) => new Response(text).body!

const STREAMS: Record<string, string> = {
  'a normal stream': 'data: {"choices":[{"delta":{"content":"he"}}]}\n\ndata: {"choices":[{"delta":{"content":"llo"},"finish_reason":"stop"}]}\n\ndata: {"choices":[],"usage":{"completion_tokens":2}}\n\ndata: [DONE]\n\n',
  'CRLF separators and a comment': ': keep-alive\r\n\r\ndata: {"choices":[{"delta":{"content":"x"}}]}\r\n\r\ndata: [DONE]\r\n\r\n',
  'a trailing partial event': 'data: {"choices":[{"delta":{"content":"x"}}]}\n\ndata: {"choi',
  'no [DONE]': 'data: {"choices":[{"delta":{"content":"x"},"finish_reason":"stop"}]}\n\n',
}

describe('replaySse: a recorded stream replayed as bytes, observed as observeSse observes a live one', () => {
  for (const [name, text] of Object.entries(STREAMS)) {
    test(`${name}: same events, same bytes to the consumer`, async () => {
      const a = logger()
      const b = logger()
      const fromLive = await read(observeSse(live(text), a.observer))
      const fromReplay = await read(replaySse(text, b.observer))
      expect(fromReplay).toEqual(fromLive)
      expect(b.log).toEqual(a.log)
    })
  }

  test('a failure returned at [DONE] fails the stream after the events before it', async () => {
    const text = STREAMS['a normal stream']!
    const a = logger(true)
    const b = logger(true)
    const fromLive = await read(observeSse(live(text), a.observer))
    const fromReplay = await read(replaySse(text, b.observer))
    expect(fromReplay).toEqual(fromLive)
    expect(fromReplay.error).toBe('no choices')
    expect(b.log).toEqual(a.log)
  })

  test('a consumer that stops early after the whole recording arrived: the end is observed, as for a live stream whose bytes all arrived', async () => {
    const text = STREAMS['no [DONE]']!
    const a = logger()
    const b = logger()
    await read(observeSse(live(text), a.observer), 1)
    await read(replaySse(text, b.observer), 1)
    expect(b.log).toEqual(a.log)
    expect(b.log.at(-1)).toBe('end')
  })
})
