/**
 * The response a measured call hands the SDK once evalgate has read (and checked) a JSON answer. Reading
 * a body twice costs a second `Response` with its own stream, a second decode and a second `JSON.parse`
 * per call: the SDK gets a response whose `json()` and `text()` answer from what evalgate read instead.
 * Status, headers and the other properties are the real response's.
 */

const encoder = new TextEncoder()

/**
 * Makes `response` (whose body evalgate consumed, or a body-less one built for a replay) answer
 * `json()`, `text()`, `arrayBuffer()`, `bytes()`, `blob()` and `clone()` from `text` / `json`. The first
 * `json()` returns `json` itself (the SDK's one read); later ones parse `text` afresh, so a caller that
 * reads the response again gets its own copy.
 */
export function answerFromText(response: Response, text: string, json: unknown): Response {
  let first = true
  const parsed = async (): Promise<unknown> => {
    if (!first) return JSON.parse(text) as unknown
    first = false
    return json
  }
  const bytes = async () => encoder.encode(text)
  const own = (value: unknown) => ({ value, configurable: true, writable: true })
  Object.defineProperties(response, {
    json: own(parsed),
    text: own(async () => text),
    bytes: own(bytes),
    arrayBuffer: own(async () => (await bytes()).buffer),
    blob: own(async () => new Blob([text], { type: response.headers.get('content-type') ?? '' })),
    clone: own(() => answerFromText(new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers }), text, JSON.parse(text))),
  })
  return response
}
