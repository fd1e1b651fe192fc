import { parseEvent, type SseObserver } from '../sse.js'

const BOUNDARY = /\r?\n\r?\n/g

/**
 * The body of a replayed stream, made from the recorded SSE text in one step: each event is shown to
 * `observer` as `observeSse` shows a live one whose bytes all arrived (`onDone` at `[DONE]`, `onEvent` may
 * drop an event, `onEnd` at the end; all before the consumer reads, as arrival comes before reading), and the kept events go to the
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
  // A recording arrives whole and at once: as a live stream is observed at byte arrival (before its
  // consumer reads), every event, `[DONE]` and the end are observed up front; the consumer then gets the
  // kept bytes, and after them the failure an observer returned (erroring at once would drop the bytes).
  const at = performance.now()
  let out = ''
  let failure: Error | void | undefined
  let from = 0
  BOUNDARY.lastIndex = 0
  for (let m = BOUNDARY.exec(text); m !== null && !failure; m = BOUNDARY.exec(text)) {
    const raw = text.slice(from, m.index)
    from = m.index + m[0].length
    const data = parseEvent(raw)
    if (data?.done && observer.onDone) failure = finish(() => observer.onDone!(at))
    if (!failure && (!data || observer.onEvent(data, at))) out += raw + m[0]
  }
  // A trailing partial event is passed on as is; then the stream ends.
  if (!failure) {
    out += text.slice(from)
    failure = finish(() => observer.onEnd(at))
  }
  let sent = false
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent && out) {
        sent = true
        controller.enqueue(new TextEncoder().encode(out))
        return
      }
      if (failure) controller.error(failure)
      else controller.close()
    },
    cancel() {
      finish(() => observer.onCancel())
    },
  })
}
