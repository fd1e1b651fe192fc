import { stableStringify } from '../../util/stable.js'
import { CACHE_FORMAT, type CachedResponse, type CacheEntry } from './types.js'

/** The stored form of a response body of the given content type. */
export function toCachedResponse(status: number, contentType: string, text: string): CachedResponse {
  if (contentType.includes('text/event-stream')) return { status, contentType, sse: text.split('\n') }
  if (/[/+]json\b/.test(contentType)) {
    try {
      return { status, contentType, json: JSON.parse(text) as unknown }
    } catch {
      // not JSON after all: kept as text
    }
  }
  return { status, contentType, text }
}

/** The body of a recorded response, as bytes to replay. */
export function bodyText(response: CachedResponse): string {
  if (response.sse !== undefined) return response.sse.join('\n')
  if (response.json !== undefined) return JSON.stringify(response.json)
  return response.text ?? ''
}

/**
 * A fresh `Response` replaying an entry: recorded status, content type and body (an SSE stream for
 * streamed calls, which the SDK parses with its own stream parser). `x-evalgate-cache: hit` marks it.
 */
export function replayResponse(entry: CacheEntry): Response {
  const { status, contentType } = entry.response
  return new Response(bodyText(entry.response), { status, headers: { 'content-type': contentType, 'x-evalgate-cache': 'hit' } })
}

/** Checks the shape of a parsed cache file; returns the problem, or undefined when it is a usable entry. */
export function entryProblem(value: unknown, key?: string): string | undefined {
  const e = value as Partial<CacheEntry> | null
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return 'not a JSON object'
  if (e.format !== CACHE_FORMAT) return `format is ${JSON.stringify(e.format)}, expected "${CACHE_FORMAT}"`
  if (key !== undefined && e.key !== key) return `key ${JSON.stringify(e.key)} does not match the file name`
  const r = e.response
  if (!r || typeof r !== 'object' || typeof r.status !== 'number' || typeof r.contentType !== 'string') return 'response is missing status or contentType'
  if (r.sse !== undefined && !(Array.isArray(r.sse) && r.sse.every((l) => typeof l === 'string'))) return 'response.sse must be an array of strings'
  if (!e.request || typeof e.request !== 'object' || typeof e.request.endpoint !== 'string') return 'request.endpoint is missing'
  return undefined
}

/** True when two entries hold the same request and answer (re-recording it would only churn the file). */
export function sameExchange(a: CacheEntry, b: CacheEntry): boolean {
  return stableStringify([a.request, a.response]) === stableStringify([b.request, b.response])
}
