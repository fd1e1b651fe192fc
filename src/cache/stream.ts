/**
 * Passes a byte stream through unchanged and, once it ends normally, hands its whole text to `onEnd`
 * (awaited before the consumer sees the end, so a recording is on disk when the call finishes). Nothing
 * is recorded when the stream fails or the consumer cancels it (a cancelled upstream read reports "done":
 * that must not pass for a complete answer).
 */
export function recordingStream(body: ReadableStream<Uint8Array>, onEnd: (text: string) => Promise<void>): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let cancelled = false
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
        await onEnd(text)
        controller.close()
        return
      }
      text += decoder.decode(chunk.value, { stream: true })
      controller.enqueue(chunk.value)
    },
    async cancel(reason) {
      cancelled = true
      await reader.cancel(reason)
    },
  })
}
