import { currentTask, optionSlice } from '../worker/context.js'
import { measureSlice } from './options.js'
import { classifyError, kindForStatus } from './errors.js'
import { observeSse, type SseData } from './sse.js'
import type { CallKind, CallMeasurement, CallError } from './types.js'
import { taskMeta } from '../meta/index.js'
import { stableHash } from '../util/stable.js'
import { round2 } from '../util/round.js'
import { cacheConfigured, planCacheCall, replay, replayStream, type CachePlan } from './cache/call.js'
import { readAnswer, truncatedStream } from './answer.js'
import { answerFromText } from './read-answer.js'
import { redactError, redactSecrets, registerSecret } from '../util/redact.js'

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>
type CreateFn = (...args: never[]) => unknown

/** The shape of an `openai` client evalgate needs (v6 and v7 both have it). */
export interface OpenAILike {
  chat: { completions: { create: CreateFn } }
  embeddings?: { create: CreateFn }
  withOptions(options: never): unknown
}

export interface WrapOptions {
  /** How calls are labelled in reports. Default `'chat'` (embeddings are always `'embedding'`). */
  kind?: Extract<CallKind, 'chat' | 'judge'>
  /** Overrides the plugin's `measure.requestUsage` for this client. */
  requestUsage?: boolean
}

const MEASUREMENT = Symbol.for('evalgate.measurement')
const CALL_HEADER = 'x-evalgate-call'

/** The measurement attached to a result returned by a wrapped client, if any. */
export function getMeasurement(value: unknown): CallMeasurement | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined
  return (value as { [MEASUREMENT]?: CallMeasurement })[MEASUREMENT]
}

function attach(value: unknown, m: CallMeasurement): void {
  if (value === null || typeof value !== 'object') return
  Object.defineProperty(value, MEASUREMENT, { value: m, enumerable: false, configurable: true })
}

interface Pending {
  m: CallMeasurement
  /** Streamed content and tool-call fragments, hashed when the stream ends. */
  output: string[]
  t0: number
  /** When the request of the latest HTTP attempt was handed to `fetch`: what TTFT and arrivals count from. */
  sentAt?: number
  /** Arrival times (`performance.now()`) of the first body bytes and of the first and last content chunks. */
  firstByteAt?: number
  firstTokenAt?: number
  lastTokenAt?: number
  /** How far behind the bytes' arrival the consumer read them, at most (ms). */
  readLagMs?: number
  requestUsage: boolean
  dropUsageChunk: boolean
  /** The record/replay cache's decision, made at the first HTTP attempt (retries reuse it). */
  cache?: Promise<CachePlan | undefined>
  /** A 2xx answer that is not an answer (HTML, not JSON, no choices, null content): the call's failure. */
  answerError?: CallError
  /** Stream state: a chunk with choices, a finish_reason, the final [DONE]. */
  sawChoice?: boolean
  sawFinish?: boolean
  sawDone?: boolean
}

let nextId = 0

/**
 * Returns a client of the same type whose `chat.completions.create` and `embeddings.create` calls are
 * measured: total latency (retries included), time to first token for streams, tokens, model, attempts
 * and every failed attempt. Each measurement is attached to the result (`expect(result).toStayUnderLatency`)
 * and, inside a test run with the evalgate plugin, to the running test's meta.
 *
 * The original client is left untouched. Retries follow the SDK's own policy (`maxRetries`, retry-after).
 */
export function wrapOpenAI<C extends OpenAILike>(client: C, options: WrapOptions = {}): C {
  const pendings = new Map<string, Pending>()
  const base = (client as unknown as { fetch?: FetchLike }).fetch ?? (globalThis.fetch as FetchLike)
  const wrapped = (client.withOptions as (o: { fetch: FetchLike }) => C).call(client, {
    fetch: (input, init) => measuredFetch(base, pendings, input, init),
  })
  const requestUsage = () => options.requestUsage ?? optionSlice(measureSlice).requestUsage
  patchCreate(wrapped.chat.completions, pendings, options.kind ?? 'chat', requestUsage)
  if (wrapped.embeddings) patchCreate(wrapped.embeddings, pendings, 'embedding', () => false)
  return wrapped
}

function patchCreate(resource: { create: CreateFn }, pendings: Map<string, Pending>, kind: CallKind, requestUsage: () => boolean): void {
  const original = resource.create as (body: unknown, options?: unknown) => unknown
  const measured = function (this: unknown, body: unknown, reqOptions?: unknown) {
    const id = `c${++nextId}`
    const request = (body ?? {}) as { model?: unknown; stream?: unknown }
    const m: CallMeasurement = {
      kind,
      model: typeof request.model === 'string' ? request.model : null,
      stream: request.stream === true,
      startedAt: Date.now(),
      totalMs: 0,
      ttftMs: null,
      promptTokens: null,
      completionTokens: null,
      totalTokens: null,
      tokensPerSecond: null,
      attempts: 0,
      ok: false,
    }
    const pending: Pending = { m, output: [], t0: performance.now(), requestUsage: requestUsage(), dropUsageChunk: false }
    pendings.set(id, pending)
    const task = currentTask()
    if (task) taskMeta(task).calls.push(m)

    const promise = original.call(this ?? resource, body, withCallHeader(reqOptions, id)) as PromiseLike<unknown>
    promise.then(
      (result) => {
        attach(result, m)
        // No HTTP attempt follows the answer (a stream's observer holds its own `pending`): forget the id, or
        // every streamed call of the file stays in this map with its output fragments.
        pendings.delete(id)
        if (!m.stream) {
          readUsage(m, result)
          readOutput(m, result)
          finish(pending, true)
        }
      },
      (error: unknown) => {
        // The SDK's error carries the endpoint's body (which may echo the key): redact before anyone sees it.
        redactError(error)
        m.error = pending.answerError ?? classifyError(error)
        attach(error, m)
        finish(pending, false)
        pendings.delete(id)
      },
    )
    return promise
  }
  resource.create = measured as unknown as CreateFn
}

function withCallHeader(reqOptions: unknown, id: string): Record<string, unknown> {
  const o = (reqOptions ?? {}) as Record<string, unknown>
  const headers: Record<string, string | null> = {}
  const given = o.headers
  if (given instanceof Headers) given.forEach((v, k) => (headers[k] = v))
  else if (given && typeof given === 'object') Object.assign(headers, given)
  headers[CALL_HEADER] = id
  return { ...o, headers }
}

/** `end`: when the call ended; for streams the arrival of the end of the body, not when the consumer read it. */
function finish(p: Pending, ok: boolean, end = performance.now()): void {
  const m = p.m
  if (m.stream && p.output.length) m.outputHash = stableHash(p.output.join(''), 16)
  m.totalMs = round2(end - p.t0)
  m.ok = ok && !m.error
  if (m.completionTokens !== null) {
    if (m.stream) m.tokensPerSecond = decodeRate(m.completionTokens, p.firstTokenAt, p.lastTokenAt)
    else {
      const seconds = (end - p.t0) / 1000
      m.tokensPerSecond = seconds > 0 ? round2(m.completionTokens / seconds) : null
    }
  }
  if (m.stream) {
    const rel = (at: number | undefined) => (at === undefined ? null : round2(at - (p.sentAt ?? p.t0)))
    arrivals.set(m, {
      firstByteMs: rel(p.firstByteAt),
      firstTokenMs: rel(p.firstTokenAt),
      lastTokenMs: rel(p.lastTokenAt),
      decodeMs: p.firstTokenAt === undefined || p.lastTokenAt === undefined ? null : round2(p.lastTokenAt - p.firstTokenAt),
      readLagMs: p.readLagMs === undefined ? null : round2(p.readLagMs),
    })
  }
}

/**
 * Shortest first-to-last token window (ms) a stream's tokens/s is computed from. Below it (an answer of a
 * few chunks, or chunks that arrived together because the client fell behind) the rate is null: dividing by
 * a near-zero window gives absurd figures.
 */
export const MIN_DECODE_MS = 50

/**
 * Decode rate of a stream: the tokens after the first over the time from the first to the last content
 * chunk's arrival, (completion tokens − 1) / (last − first). Null below {@link MIN_DECODE_MS} or under 2 tokens.
 */
export function decodeRate(completionTokens: number, firstTokenAt: number | undefined, lastTokenAt: number | undefined): number | null {
  if (firstTokenAt === undefined || lastTokenAt === undefined || completionTokens < 2) return null
  const ms = lastTokenAt - firstTokenAt
  return ms >= MIN_DECODE_MS ? round2(((completionTokens - 1) * 1000) / ms) : null
}

/** When a stream's bytes arrived, relative to the sending of the request that answered (ms). */
export interface StreamArrival {
  /** The first body bytes. */
  firstByteMs: number | null
  /** The first content (or tool-call) chunk: the call's `ttftMs`. */
  firstTokenMs: number | null
  /** The last content chunk. */
  lastTokenMs: number | null
  /** lastTokenMs − firstTokenMs: the window tokens/s is computed from. */
  decodeMs: number | null
  /** The most the consumer (SDK parser, caller's loop) lagged behind the bytes' arrival. */
  readLagMs: number | null
}

const arrivals = new WeakMap<CallMeasurement, StreamArrival>()

/** The arrival times of a finished streamed call measured by a wrapped client. */
export function streamArrival(m: CallMeasurement): StreamArrival | undefined {
  return arrivals.get(m)
}


function readOutput(m: CallMeasurement, json: unknown): void {
  const choices = (json as { choices?: Array<{ message?: { content?: unknown; tool_calls?: unknown } }> })?.choices
  if (Array.isArray(choices)) m.outputHash = stableHash(choices.map((c) => [c.message?.content ?? null, c.message?.tool_calls ?? null]), 16)
}

function readUsage(m: CallMeasurement, json: unknown): void {
  const j = json as { model?: unknown; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown } | null }
  if (typeof j?.model === 'string' && j.model) m.model = j.model
  const u = j?.usage
  if (!u) return
  if (typeof u.prompt_tokens === 'number') m.promptTokens = u.prompt_tokens
  if (typeof u.completion_tokens === 'number') m.completionTokens = u.completion_tokens
  if (typeof u.total_tokens === 'number') m.totalTokens = u.total_tokens
}

async function measuredFetch(base: FetchLike, pendings: Map<string, Pending>, input: string | URL | Request, init?: RequestInit): Promise<Response> {
  // The SDK hands over a Headers of its own, built per attempt: read and edit it in place (a copy per call costs).
  const headers = init?.headers instanceof Headers ? init.headers : new Headers(init?.headers)
  const id = headers.get(CALL_HEADER)
  if (!id) return base(input, init)
  headers.delete(CALL_HEADER)
  registerSecret(headers.get('authorization'))
  registerSecret(headers.get('api-key'))
  const pending = pendings.get(id)
  if (!pending) return base(input, { ...init, headers })
  const m = pending.m
  m.attempts++
  const cache = cacheConfigured() ? await (pending.cache ??= planCacheCall(m, input, init)) : undefined
  let body = init?.body
  if (m.stream && pending.requestUsage && typeof body === 'string') body = requestUsageIn(body, pending)

  let response: Response
  /** The body, when it is known without reading the response (a replayed answer). */
  let known: string | undefined
  if (cache?.action === 'replay') {
    // Recordings keep the usage-only chunk evalgate asked for; a caller that did not ask never sees it.
    if (m.stream) pending.dropUsageChunk = (cache.entry.request.body as { stream_options?: unknown }).stream_options === undefined
    // A recorded stream goes to the SDK straight from its text (no second body to decode and re-encode).
    if (m.stream) {
      const streamed = replayStream(cache, streamObserver(pending))
      if (streamed) return streamed
    }
    ;({ response, text: known } = replay(cache))
  } else if (cache?.action === 'fail') {
    response = cache.response
  } else {
    try {
      pending.sentAt = performance.now()
      response = await base(input, { ...init, headers, body })
    } catch (error) {
      redactError(error)
      ;(m.failures ??= []).push(classifyError(error))
      throw error
    }
  }
  if (!response.ok) {
    const detail = await response.clone().text().catch(() => '')
    ;(m.failures ??= []).push({ kind: kindForStatus(response.status), status: response.status, message: redactSecrets(detail).slice(0, 300) })
    return response
  }
  const type = response.headers.get('content-type') ?? ''
  const recorder = cache?.action === 'record' ? cache.recorder : undefined
  const timing = () => ({ totalMs: round2(performance.now() - pending.t0), ttftMs: m.ttftMs })
  if (m.stream && type.includes('text/event-stream') && response.body) {
    const upstream = recorder ? recorder.recordStream(response.body, response.status, type, timing) : response.body
    const observed = observeSse(upstream, streamObserver(pending))
    return new Response(observed, { status: response.status, statusText: response.statusText, headers: response.headers })
  }
  const text = known ?? (await response.text())
  const verdict = readAnswer(m.kind === 'embedding' ? 'embedding' : 'chat', type, text)
  const problem = verdict.problem
  if (problem) {
    // Not an answer: a failed call of its own kind, never recorded, never handed to the caller as a result.
    pending.answerError = problem
    ;(m.failures ??= []).push({ ...problem, status: response.status })
    return answerErrorResponse(problem)
  }
  // The SDK reads what was read here (one decode, one parse, no second Response); a recording stores the text.
  if (recorder) await recorder.recordText(response.status, type, text, timing)
  return answerFromText(response, text, verdict.json)
}

/** An error answer the SDK turns into an APIError naming the problem, and does not retry. */
function answerErrorResponse(problem: CallError): Response {
  return new Response(JSON.stringify({ error: { message: `evalgate: ${problem.message} (${problem.kind})`, type: `evalgate_${problem.kind}` } }), {
    status: 502,
    headers: { 'content-type': 'application/json', 'x-should-retry': 'false', 'x-evalgate-answer': problem.kind },
  })
}

function requestUsageIn(body: string, pending: Pending): string {
  try {
    const parsed = JSON.parse(body) as { stream_options?: unknown }
    if (parsed.stream_options !== undefined) return body
    pending.dropUsageChunk = true
    return JSON.stringify({ ...parsed, stream_options: { include_usage: true } })
  } catch {
    return body
  }
}

function streamObserver(p: Pending) {
  const m = p.m
  const end = (at: number): Error | undefined => {
    const problem: CallError | undefined = !p.sawFinish && !p.sawDone
      ? truncatedStream()
      : !p.sawChoice
        ? { kind: 'empty_choices', message: 'the stream carried no choices at all' }
        : undefined
    if (problem) {
      m.error = problem
      ;(m.failures ??= []).push(problem)
      finish(p, false, at)
      return new Error(`evalgate: ${problem.message} (${problem.kind})`)
    }
    finish(p, true, at)
    return undefined
  }
  return {
    onFirstByte(at: number) {
      p.firstByteAt = at
    },
    onDeliver(lagMs: number) {
      if (p.readLagMs !== undefined && lagMs <= p.readLagMs) return
      p.readLagMs = lagMs
      // The consumer may read after the stream ended (and was measured): keep its record up to date.
      const arrival = arrivals.get(m)
      if (arrival) arrival.readLagMs = round2(lagMs)
    },
    onEvent(data: SseData, at: number): boolean {
      if (data.done) {
        p.sawDone = true
        return true
      }
      const chunk = data.json as { choices?: Array<{ delta?: { content?: unknown; tool_calls?: unknown }; finish_reason?: unknown }>; usage?: unknown }
      readUsage(m, chunk)
      const choices = Array.isArray(chunk?.choices) ? chunk.choices : []
      if (choices.length) p.sawChoice = true
      if (choices.some((c) => typeof c.finish_reason === 'string' && c.finish_reason !== '')) p.sawFinish = true
      for (const c of choices) {
        if (typeof c.delta?.content === 'string') p.output.push(c.delta.content)
        if (c.delta?.tool_calls) p.output.push(JSON.stringify(c.delta.tool_calls))
      }
      // Stamped with the arrival of the bytes, not with when the consumer gets to them.
      if (choices.some((c) => (typeof c.delta?.content === 'string' && c.delta.content !== '') || c.delta?.tool_calls)) {
        if (p.firstTokenAt === undefined) {
          p.firstTokenAt = at
          m.ttftMs = round2(at - (p.sentAt ?? p.t0))
        }
        p.lastTokenAt = at
      }
      // The usage-only chunk evalgate asked for is not shown to a caller that did not ask for it.
      return !(p.dropUsageChunk && choices.length === 0 && chunk?.usage)
    },
    // [DONE] ends the answer: a stream without any choice is a failed call now, whatever the client does next.
    onDone(at: number): Error | undefined {
      p.sawDone = true
      return end(at)
    },
    onEnd(at: number): Error | undefined {
      return end(at)
    },
    onError(error: unknown) {
      m.error = { kind: 'invalid_response', message: `stream ended abnormally: ${classifyError(error).message}` }
      finish(p, false)
    },
    onCancel: () => finish(p, true),
  }
}
