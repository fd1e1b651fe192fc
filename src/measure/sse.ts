/** A parsed `data:` payload of a server-sent event, or the `[DONE]` marker. */
export type SseData = { done: true } | { done: false; json: unknown }

export interface SseObserver {
  /** Called for each event; return false to drop the event from what the consumer sees. */
  onEvent(data: SseData): boolean
  /**
   * The `[DONE]` event arrived (before the consumer sees it); a returned error fails the stream for its
   * consumer instead. Clients that stop reading at `[DONE]` (openai 7) never let the body reach its end.
   */
  onDone?(): Error | void | undefined
  /** The upstream body ended normally; a returned error fails the stream for its consumer (a cut answer). */
  onEnd(): Error | void | undefined
  /** The upstream body failed (truncated stream, reset connection). */
  onError(error: unknown): void
  /** The consumer stopped reading early (e.g. `break` out of `for await`). */
  onCancel(): void
}

/** The data of one raw event (its lines up to the blank line), or undefined when it has none or it is not JSON. */
export function parseEvent(raw: string): SseData | undefined {
  const lines = raw.split(/\r?\n/).filter((l) => l.startsWith('data:'))
  if (lines.length === 0) return undefined
  const payload = lines.map((l) => l.slice(5).trimStart()).join('\n')
  if (payload === '[DONE]') return { done: true }
  try {
    return { done: false, json: JSON.parse(payload) }
  } catch {
    return undefined
  }
}

/**
 * Passes an SSE byte stream through unchanged while showing each complete event to `observer`, which may
 * drop events. Events are split on blank lines; a trailing partial event is passed through as is.
 */
export function observeSse(body: ReadableStream<Uint8Array>, observer: SseObserver): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const encoder = new TextEncoder()
  let buffer = ''
  let finished = false

  const finish = (fn: () => void) => {
    if (finished) return
    finished = true
    fn()
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) {
            buffer += decoder.decode()
            if (buffer) controller.enqueue(encoder.encode(buffer))
            buffer = ''
            let failure: Error | void | undefined
            finish(() => (failure = observer.onEnd()))
            if (failure) controller.error(failure)
            else controller.close()
            return
          }
          buffer += decoder.decode(value, { stream: true })
          let out = ''
          let boundary = buffer.search(/\r?\n\r?\n/)
          while (boundary !== -1) {
            const sep = buffer.slice(boundary).match(/^\r?\n\r?\n/)?.[0] ?? '\n\n'
            const raw = buffer.slice(0, boundary)
            buffer = buffer.slice(boundary + sep.length)
            const data = parseEvent(raw)
            if (data?.done && observer.onDone) {
              let failure: Error | void | undefined
              finish(() => (failure = observer.onDone!()))
              if (failure) {
                if (out) controller.enqueue(encoder.encode(out))
                controller.error(failure)
                void reader.cancel().catch(() => undefined)
                return
              }
            }
            if (!data || observer.onEvent(data)) out += raw + sep
            boundary = buffer.search(/\r?\n\r?\n/)
          }
          if (out) {
            controller.enqueue(encoder.encode(out))
            return
          }
        }
      } catch (error) {
        finish(() => observer.onError(error))
        controller.error(error)
      }
    },
    async cancel(reason) {
      finish(() => observer.onCancel())
      await reader.cancel(reason)
    },
  })
}
