import { parseEvent, type SseObserver } from '../sse.js'

const BOUNDARY = /\r?\n\r?\n/g

/**
 * The body of a replayed stream, made from the recorded SSE text in one step: each event is shown to
 * `observer` as `observeSse` shows a live one (`onDone` at `[DONE]`, `onEvent` may drop an event, `onEnd`
 * after the consumer read the events, `onCancel` when it stops early), and the kept events go to the
 * consumer as one chunk of bytes. A live stream needs a decode, an event scan and an encode per chunk
 * over a second body; a recording is already whole text.
 */
export function replaySse(text: string, observer: SseObserver): ReadableStream<Uint8Array> {
  let finished = false
  const finish = (fn: () => Error | void | undefined): Error | void | undefined => {
    if (finished) return undefined
    finished = true
    return fn()
  }
  let rest: string | undefined
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (rest === undefined) {
        let out = ''
        let from = 0
        BOUNDARY.lastIndex = 0
        for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text)) {
          const raw = text.slice(from, m.index)
          from = m.index + m[0].length
          const data = parseEvent(raw)
          if (data?.done && observer.onDone) {
            const failure = finish(() => observer.onDone!())
            if (failure) {
              if (out) controller.enqueue(new TextEncoder().encode(out))
              controller.error(failure)
              return
            }
          }
          if (!data || observer.onEvent(data)) out += raw + m[0]
        }
        rest = text.slice(from)
        if (out) {
          controller.enqueue(new TextEncoder().encode(out))
          return
        }
      }
      // A trailing partial event is passed on as is; then the stream ends.
      if (rest) controller.enqueue(new TextEncoder().encode(rest))
      rest = ''
      const failure = finish(() => observer.onEnd())
      if (failure) controller.error(failure)
      else controller.close()
    },
    cancel() {
      finish(() => observer.onCancel())
    },
  })
}
