import { stableHash } from '../../util/stable.js'
import { flatExcerpt } from '../../util/text.js'
import { CACHE_FORMAT, type CacheRequest } from './types.js'

/**
 * The endpoint part of a key: host with its port (two local servers on different ports are different
 * endpoints, even with the same model id) and path, plus `api-version` (Azure) when present. `alias`
 * (the `cache.endpointAlias` option) replaces host and port, for a suite whose own local server gets a
 * random port every run. Credentials and every other query parameter are left out.
 */
export function endpointOf(url: string | URL, alias?: string): string {
  const u = new URL(String(url))
  const path = u.pathname.replace(/\/+$/, '')
  const version = u.searchParams.get('api-version')
  return `${alias ?? u.host}${path}${version === null ? '' : `?api-version=${version}`}`
}

/** Hex SHA-256 of the format version and the request; trial and occurrence count only when > 0. */
export function cacheKey(request: CacheRequest): string {
  const parts: Record<string, unknown> = { format: CACHE_FORMAT, endpoint: request.endpoint, body: request.body }
  if (request.trial) parts.trial = request.trial
  if (request.occurrence) parts.occurrence = request.occurrence
  return stableHash(parts)
}

/**
 * {@link cacheKey} from the request's body already in stable JSON (`stableStringify(request.body)`): the
 * same key, with the body serialised once per call instead of once per use. Builds the very text
 * `stableStringify` makes of the key's parts (keys sorted: body, endpoint, format, occurrence, trial).
 */
export function cacheKeyOfStable(request: Omit<CacheRequest, 'body'>, stableBody: string): string {
  const occurrence = request.occurrence ? `,"occurrence":${request.occurrence}` : ''
  const trial = request.trial ? `,"trial":${request.trial}` : ''
  return stableHash(`{"body":${stableBody},"endpoint":${JSON.stringify(request.endpoint)},"format":${JSON.stringify(CACHE_FORMAT)}${occurrence}${trial}}`)
}

/** The JSON body of a request, or undefined when it has none or it is not JSON (then it is not cached). */
export function jsonBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'string') return undefined
  try {
    const value = JSON.parse(body) as unknown
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.map((p) => (typeof (p as { text?: unknown })?.text === 'string' ? (p as { text: string }).text : '')).join(' ')
  return ''
}

/** At most `max` characters, then '…'. */
function clip(text: string, max: number): string {
  return flatExcerpt(text, max + 1)
}

/** One line naming a request: endpoint, model and the start of the last user message (or of the input). */
export function describeRequest(endpoint: string, body: Record<string, unknown>, max = 60): string {
  const parts = [`POST ${endpoint}`]
  if (typeof body.model === 'string') parts.push(`model "${body.model}"`)
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role?: unknown; content?: unknown }>) : []
  const user = [...messages].reverse().find((m) => m?.role === 'user')
  if (user) parts.push(`last user message "${clip(textOf(user.content), max)}"`)
  else if (body.input !== undefined) parts.push(`input "${clip(typeof body.input === 'string' ? body.input : JSON.stringify(body.input), max)}"`)
  return parts.join(', ')
}
