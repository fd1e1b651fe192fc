/**
 * OpenAI-compatible clients of the judge and the embeddings endpoint, as used inside workers: one
 * measured client per endpoint (cached), every call's HTTP attempts counted, and errors described without
 * ever printing the API key.
 */
import type OpenAI from 'openai'
import { classifyError } from '../measure/errors.js'
import type { CallError } from '../measure/types.js'
import { getMeasurement, wrapOpenAI } from '../measure/wrap-openai.js'
import { stableHash } from '../util/stable.js'

/** Where a client sends its calls. `baseURL` undefined = the openai SDK's default. */
export interface EndpointConfig {
  baseURL: string | undefined
  apiKey: string
}

/** A cached client and what evalgate learnt about its endpoint. */
export interface EndpointClient {
  client: OpenAI
  /** The endpoint answered HTTP 400 to `response_format`: later judge calls go without it. */
  structuredUnsupported: boolean
}

/** The outcome of one call with its number of HTTP attempts (1 = no retry). */
export type Attempted<T> = { ok: true; value: T; attempts: number } | { ok: false; error: unknown; attempts: number }

const ATTEMPT_HEADER = 'x-evalgate-attempt-id'
const attemptCounts = new Map<string, number>()
const clients = new Map<string, Promise<EndpointClient>>()
let nextAttemptId = 0

/** Counts attempts of calls tagged with {@link ATTEMPT_HEADER}; the header never reaches the endpoint. */
async function countingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers)
  const id = headers.get(ATTEMPT_HEADER)
  if (id === null) return fetch(input, init)
  attemptCounts.set(id, (attemptCounts.get(id) ?? 0) + 1)
  headers.delete(ATTEMPT_HEADER)
  return fetch(input, { ...init, headers })
}

/**
 * The measured client for `endpoint` (created once per kind, base URL, key and — for the judge — model;
 * `openai` is imported lazily so matchers that need no endpoint do not need the SDK).
 */
export function endpointClient(kind: 'judge' | 'embedding', endpoint: EndpointConfig, model = ''): Promise<EndpointClient> {
  const key = [kind, endpoint.baseURL ?? '', model, stableHash(endpoint.apiKey, 16)].join('\u0000')
  let entry = clients.get(key)
  if (entry === undefined) {
    entry = import('openai').then(({ default: OpenAIClient }) => {
      const raw = new OpenAIClient({ baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, fetch: countingFetch })
      return { client: wrapOpenAI(raw, kind === 'judge' ? { kind: 'judge' } : {}), structuredUnsupported: false }
    })
    clients.set(key, entry)
    entry.catch(() => clients.delete(key))
  }
  return entry
}

/** Runs `call` with request options that count its HTTP attempts; never throws. */
export async function attempted<T>(
  call: (requestOptions: { timeout: number; maxRetries: number; headers: Record<string, string> }) => PromiseLike<T>,
  limits: { timeout: number; maxRetries: number },
): Promise<Attempted<T>> {
  const id = `a${++nextAttemptId}`
  try {
    const value = await call({ timeout: limits.timeout, maxRetries: limits.maxRetries, headers: { [ATTEMPT_HEADER]: id } })
    return { ok: true, value, attempts: attemptCounts.get(id) ?? 1 }
  } catch (error) {
    return { ok: false, error, attempts: attemptCounts.get(id) ?? 1 }
  } finally {
    attemptCounts.delete(id)
  }
}

/** The endpoint as shown in messages: origin and path only (no credentials, no query). */
export function endpointLabel(baseURL: string | undefined): string {
  if (baseURL === undefined) return 'the openai SDK default endpoint'
  try {
    const url = new URL(baseURL)
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
  } catch {
    return '(unparseable baseURL)'
  }
}

/** Replaces every occurrence of each secret (4+ characters) with `[REDACTED]`. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text
  for (const secret of secrets) if (secret !== undefined && secret.length >= 4) out = out.split(secret).join('[REDACTED]')
  return out
}

/** True when an error is the endpoint's HTTP 400 about `response_format` / Structured Outputs. */
export function rejectsResponseFormat(error: unknown): boolean {
  const e = error as { status?: unknown; message?: unknown } | null
  return e?.status === 400 && typeof e.message === 'string' && /response_format|json_schema|structured output/i.test(e.message)
}

/** Failure kinds of a 2xx that was not an answer (see src/measure/answer.ts). */
const ANSWER_KINDS: ReadonlySet<string> = new Set(['not_json', 'html', 'empty_choices', 'null_content', 'truncated'])

/** What the call failure was, in one sentence naming the endpoint, the attempts and (for HTTP) the status. */
export function describeCallError(
  what: 'judge' | 'embeddings',
  error: unknown,
  attempts: number,
  context: { baseURL: string | undefined; timeout: number; apiKey: string },
): string {
  // A 2xx that was not an answer (HTML, not JSON, no choices…) carries its own kind in the measurement.
  const answer = getMeasurement(error)?.error
  const c = answer && ANSWER_KINDS.has(answer.kind) ? answer : classifyError(error)
  const at = endpointLabel(context.baseURL)
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`
  let text: string
  if (c.status !== undefined) {
    const label = c.status === 429 ? ' (rate limited)' : c.status === 401 || c.status === 403 ? ' (authentication failed: check the API key)' : c.status >= 500 ? ' (server error)' : ''
    text = `${what} endpoint answered HTTP ${c.status}${label} after ${tries} at ${at}: ${c.message}`
  } else if (c.kind === 'connection') {
    text = `${what} endpoint unreachable at ${at} (connection failed, ${tries}): ${c.message}`
  } else if (c.kind === 'timeout') {
    text = `${what} call timed out after ${context.timeout} ms per attempt (${tries}) at ${at}`
  } else if (c.kind === 'not_json' || c.kind === 'html') {
    text = `${what} endpoint answered with a body that is not valid JSON (${c.kind}, ${tries}) at ${at}: ${c.message}`
  } else if (ANSWER_KINDS.has(c.kind)) {
    text = `${what} endpoint answered 200 without a usable answer (${c.kind}, ${tries}) at ${at}: ${c.message}`
  } else if (c.kind === 'invalid_response') {
    text = `${what} endpoint answered with a body that is not valid JSON (${tries}) at ${at}: ${c.message}`
  } else {
    text = `${what} call failed (${tries}) at ${at}: ${c.message}`
  }
  return redact(text, [context.apiKey])
}

