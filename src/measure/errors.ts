import type { CallError, CallErrorKind } from './types.js'

/** Failure kind for an HTTP status an endpoint answered with. */
export function kindForStatus(status: number): CallErrorKind {
  if (status === 429) return 'rate_limit'
  if (status === 408) return 'timeout'
  if (status === 401 || status === 403) return 'auth'
  if (status >= 500) return 'server'
  if (status >= 400) return 'bad_request'
  return 'other'
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')
}

/**
 * Classifies an error thrown by `fetch` or by the openai SDK (by shape, so it works across SDK majors):
 * `status` → HTTP kind; SDK timeout/abort → timeout; SDK connection error / fetch TypeError → connection;
 * JSON parse failure → invalid_response.
 */
export function classifyError(error: unknown): CallError {
  const message = error instanceof Error ? error.message : String(error)
  const e = error as { status?: unknown; name?: unknown } | null
  if (e && typeof e.status === 'number') {
    return { kind: kindForStatus(e.status), status: e.status, message: shorten(message) }
  }
  // The openai SDK leaves `name` as 'Error' on its classes: look at the constructor's name too.
  const ctor = (error as { constructor?: { name?: unknown } } | null)?.constructor?.name
  const name = typeof ctor === 'string' && ctor.startsWith('API') ? ctor : typeof e?.name === 'string' ? e.name : ''
  if (name === 'APIConnectionTimeoutError' || isAbort(error) || /timed? ?out/i.test(message)) {
    return { kind: 'timeout', message: shorten(message) }
  }
  if (name === 'APIConnectionError' || (error instanceof TypeError && /fetch failed/i.test(message))) {
    return { kind: 'connection', message: shorten(message) }
  }
  if (error instanceof SyntaxError || /JSON/i.test(message)) {
    return { kind: 'invalid_response', message: shorten(message) }
  }
  return { kind: 'other', message: shorten(message) }
}

function shorten(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
