/**
 * Small node:http helpers: body reading, JSON and OpenAI-style error responses, header redaction.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Headers whose values are credentials: recorded as `[REDACTED]`. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'api-key', 'x-api-key', 'openai-api-key', 'cookie'])

/** Reads the whole request body as UTF-8. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted before its body was complete'))
    })
  })
}

/** Lower-cased request headers with credentials redacted. */
export function redactHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    const key = name.toLowerCase()
    out[key] = SECRET_HEADERS.has(key) ? '[REDACTED]' : Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

/** Sends `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  })
  res.end(text)
}

/** The OpenAI error envelope. */
export function errorBody(message: string, type: string, code: string | null = null, param: string | null = null): {
  error: { message: string; type: string; param: string | null; code: string | null }
} {
  return { error: { message, type, param, code } }
}

/** Sends an OpenAI-style error. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, errorBody(message, type, code), headers)
}

/** Writes `text` and destroys the socket once it is flushed, without ending the response. */
export function writeThenDestroy(res: ServerResponse, text: string): void {
  if (res.destroyed) return
  res.write(text, () => {
    setTimeout(() => res.socket?.destroy(), 5)
  })
}
