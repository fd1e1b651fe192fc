/** A parsed `data:` payload of a server-sent event, or the `[DONE]` marker. */
export type SseData = { done: true } | { done: false; json: unknown }

export interface SseObserver {
  /**
   * Called for each event as its bytes arrive (whether or not the consumer reads yet); `at` is the
   * `performance.now()` at which the body chunk completing the event was read from the network.
   * Return false to drop the event from what the consumer sees.
   */
  onEvent(data: SseData, at: number): boolean
  /**
   * The `[DONE]` event arrived (before the consumer sees it); a returned error fails the stream for its
   * consumer instead. Clients that stop reading at `[DONE]` (openai 7) never let the body reach its end.
   */
  onDone?(at: number): Error | void | undefined
  /** The upstream body ended normally; a returned error fails the stream for its consumer (a cut answer). */
  onEnd(at: number): Error | void | undefined
  /** The upstream body failed (truncated stream, reset connection). */
  onError(error: unknown): void
  /** The consumer stopped reading early (e.g. `break` out of `for await`). */
  onCancel(): void
  /** The first body bytes arrived (at `at`), before any event is complete. */
  onFirstByte?(at: number): void
  /** The consumer read bytes that arrived `lagMs` earlier (how far behind the arrival the consumer is). */
  onDeliver?(lagMs: number): void
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

/** What the reading side hands to the consumer side, in order. */
type Item = { bytes: Uint8Array; at: number } | { end: true } | { error: unknown }

/**
 * Passes an SSE byte stream through unchanged while showing each complete event to `observer`, which may
 * drop events. Events are split on blank lines; a trailing partial event is passed through as is.
 *
 * The body is read as soon as its bytes arrive, not when the consumer asks for them, so the times the
 * observer sees are arrival times even when the consumer (the SDK's parser, the caller's loop) lags behind:
 * a stream buffered before its first chunk is read still gets its real time to first token. What the
 * consumer receives, and in what order (data, then the end or the failure), is unchanged.
 */
export function observeSse(body: ReadableStream<Uint8Array>, observer: SseObserver): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const encoder = new TextEncoder()
  const queue: Item[] = []
  let wake: (() => void) | undefined
  let buffer = ''
  let finished = false
  let cancelled = false
  let sawByte = false

  const push = (item: Item) => {
    queue.push(item)
    wake?.()
    wake = undefined
  }
  const finish = (fn: () => void) => {
    if (finished) return
    finished = true
    fn()
  }

  const pump = async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read()
        const at = performance.now()
        if (cancelled) return
        if (!done && !sawByte) {
          sawByte = true
          observer.onFirstByte?.(at)
        }
        if (done) {
          buffer += decoder.decode()
          if (buffer) push({ bytes: encoder.encode(buffer), at })
          buffer = ''
          let failure: Error | void | undefined
          finish(() => (failure = observer.onEnd(at)))
          push(failure ? { error: failure } : { end: true })
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
            finish(() => (failure = observer.onDone!(at)))
            if (failure) {
              if (out) push({ bytes: encoder.encode(out), at })
              push({ error: failure })
              void reader.cancel().catch(() => undefined)
              return
            }
          }
          if (!data || observer.onEvent(data, at)) out += raw + sep
          boundary = buffer.search(/\r?\n\r?\n/)
        }
        if (out) push({ bytes: encoder.encode(out), at })
      }
    } catch (error) {
      if (cancelled) return
      finish(() => observer.onError(error))
      push({ error })
    }
  }
  void pump()

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (queue.length === 0) {
        if (cancelled) return
        await new Promise<void>((resolve) => (wake = resolve))
      }
      const item = queue.shift()!
      if ('bytes' in item) {
        observer.onDeliver?.(performance.now() - item.at)
        controller.enqueue(item.bytes)
      } else if ('end' in item) controller.close()
      else controller.error(item.error)
    },
    async cancel(reason) {
      cancelled = true
      finish(() => observer.onCancel())
      wake?.()
      await reader.cancel(reason).catch(() => undefined)
    },
  })
}
