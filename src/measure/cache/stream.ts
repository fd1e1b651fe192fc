/**
 * Passes a byte stream through unchanged and, once it ends normally, hands its whole text to `onEnd`
 * (awaited before the consumer sees the end, so a recording is on disk when the call finishes). Nothing
 * is recorded when the stream fails or the consumer cancels it (a cancelled upstream read reports "done":
 * that must not pass for a complete answer) — unless `isComplete` says the text received is the whole
 * answer: openai 7 cancels an SSE body right after its final `data: [DONE]` event instead of reading it to
 * the end as openai 6 does. (Such a cancel is not awaited by the SDK: the store makes reads of a key wait
 * for its write in progress.)
 */
export function recordingStream(
  body: ReadableStream<Uint8Array>,
  onEnd: (text: string) => Promise<void>,
  isComplete?: (text: string) => boolean,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let cancelled = false
  let ended = false
  const end = async () => {
    if (ended) return
    ended = true
    await onEnd(text)
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: Awaited<ReturnType<typeof reader.read>>
      try {
        chunk = await reader.read()
      } catch (error) {
        if (!cancelled) controller.error(error)
        return
      }
      if (cancelled) return
      if (chunk.done) {
        text += decoder.decode()
        await end()
        controller.close()
        return
      }
      text += decoder.decode(chunk.value, { stream: true })
      controller.enqueue(chunk.value)
    },
    async cancel(reason) {
      cancelled = true
      if (isComplete?.(text)) await end()
      await reader.cancel(reason)
    },
  })
}
