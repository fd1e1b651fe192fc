/**
 * Fault injection: decides which configured fault (if any) hits a request. Each fault counts the
 * requests it is eligible for (endpoint and `match` accept them); `every: N` hits every Nth of those,
 * `times` caps how many it hits. Faults are tried in order and the first that triggers wins, but every
 * eligible fault counts the request.
 */
import type { ServerResponse } from 'node:http'
import { sendError, sendJson, writeThenDestroy } from './http.js'
import { matchesChat, matchesText } from './replies.js'
import type { ChatRequest, FaultSpec } from './types.js'

/** What a fault is tested against. */
export type FaultTarget =
  | { endpoint: 'chat'; request: ChatRequest }
  | { endpoint: 'embeddings'; text: string }

/** Stateful fault selection for one server. */
export class FaultInjector {
  private readonly seen: number[]
  private readonly applied: number[]

  constructor(private readonly faults: readonly FaultSpec[]) {
    this.seen = faults.map(() => 0)
    this.applied = faults.map(() => 0)
  }

  /** Counts the request and returns the fault that hits it, if any. */
  pick(target: FaultTarget): FaultSpec | undefined {
    let hit: FaultSpec | undefined
    this.faults.forEach((fault, i) => {
      if (!eligible(fault, target)) return
      const seen = (this.seen[i] ?? 0) + 1
      this.seen[i] = seen
      if (hit !== undefined) return
      const every = fault.every !== undefined && fault.every >= 1 ? Math.floor(fault.every) : 1
      if (seen % every !== 0) return
      const applied = this.applied[i] ?? 0
      if (applied >= (fault.times ?? Infinity)) return
      this.applied[i] = applied + 1
      hit = fault
    })
    return hit
  }

  /** Clears all counters. */
  reset(): void {
    this.seen.fill(0)
    this.applied.fill(0)
  }
}

function eligible(fault: FaultSpec, target: FaultTarget): boolean {
  if (fault.endpoint !== undefined && fault.endpoint !== target.endpoint) return false
  if (fault.match === undefined) return true
  if (target.endpoint === 'chat') return matchesChat(fault.match, target.request)
  return typeof fault.match === 'function' ? false : matchesText(fault.match, target.text)
}

/**
 * Answers a request hit by a fault that does not need the generated reply: `rate_limit` (429),
 * `server_error` (500) and `hang` (no answer at all). Returns true when the request is dealt with.
 */
export function applyEarlyFault(
  res: ServerResponse,
  fault: FaultSpec | undefined,
  headers: Record<string, string>,
  authorization?: string,
): boolean {
  if (fault === undefined) return false
  switch (fault.kind) {
    case 'echo_key_401':
      // Like a careless gateway: repeats the credential it refused.
      sendError(res, 401, `Incorrect API key provided: ${authorization ?? '(none)'}. Header was "Authorization: ${authorization ?? ''}".`, 'invalid_request_error', 'invalid_api_key', headers)
      return true
    case 'non_json':
      res.writeHead(200, { 'content-type': 'application/json', ...headers })
      res.end(NON_JSON_BODY)
      return true
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers })
      res.end(HTML_BODY)
      return true
    case 'rate_limit': {
      const seconds = Math.max(0, fault.retryAfter ?? 0)
      sendError(res, 429, 'Rate limit reached (evalgate model server fault injection).', 'requests', 'rate_limit_exceeded', {
        ...headers,
        'retry-after': String(Math.ceil(seconds)),
        'retry-after-ms': String(Math.round(seconds * 1000)),
      })
      return true
    }
    case 'server_error':
      sendError(res, 500, 'The server had an error while processing your request (evalgate fault injection).', 'server_error', null, headers)
      return true
    case 'hang':
      return true
    default:
      return false
  }
}

/** The body sent by the `invalid_json` fault: looks like a gateway page, is not JSON. */
export const INVALID_JSON_BODY = '<html><body>evalgate invalid_json fault: this is not JSON {"choices": [</body></html>'

/** Sends a non-streamed JSON `body` according to `fault` (`truncate`, `invalid_json`) or whole. */
export function sendJsonWithFault(res: ServerResponse, body: unknown, fault: FaultSpec | undefined, headers: Record<string, string>): void {
  if (fault?.kind === 'invalid_json') {
    res.writeHead(200, { 'content-type': 'application/json', ...headers })
    res.end(INVALID_JSON_BODY)
    return
  }
  if (fault?.kind === 'truncate') {
    const text = JSON.stringify(body)
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers })
    writeThenDestroy(res, text.slice(0, Math.max(1, Math.floor(text.length / 2))))
    return
  }
  sendJson(res, 200, body, headers)
}

/** The body sent by the `non_json` fault: a 200 declared JSON whose body is plain text. */
export const NON_JSON_BODY = 'upstream said: ok'

/** The body sent by the `html` fault: a 200 gateway page. */
export const HTML_BODY = '<!DOCTYPE html><html><head><title>Gateway</title></head><body><h1>Welcome</h1></body></html>'

/**
 * Rewrites a non-streamed chat completion for the answer-shape faults: `empty_choices` (`choices: []`) and
 * `null_content` (every message's content null, no tool calls). Other faults leave it as is.
 */
export function shapeCompletionForFault<T>(completion: T, fault: FaultSpec | undefined): T {
  if (fault?.kind === 'empty_choices') return { ...completion, choices: [] }
  if (fault?.kind === 'null_content') {
    const c = completion as { choices?: Array<{ message?: object }> }
    return { ...completion, choices: (c.choices ?? []).map((ch) => ({ ...ch, message: { ...ch.message, content: null } })) }
  }
  return completion
}
