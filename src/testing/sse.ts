/**
 * Server-sent events: splitting text into stream pieces and writing paced `data:` events.
 */
import type { ServerResponse } from 'node:http'
import { sleep } from './latency.js'

/** Splits text into word-ish pieces (each word with its trailing whitespace); concatenation gives `text` back. */
export function splitPieces(text: string): string[] {
  return text.match(/^\s+|\S+\s*/g) ?? []
}

/** Splits text into pieces of at most `size` characters (none for empty text). */
export function splitFixed(text: string, size: number): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out
}

/** One SSE event carrying `data` (objects are JSON-encoded). */
export function sseEvent(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`
}

/** Writes the SSE response head. */
export function startSse(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...headers,
  })
}

/** Options of {@link writeEvents}. */
export interface WriteEventsOptions {
  /** Tokens per second after the first event (undefined or <= 0: no delay). */
  tokensPerSecond?: number
  signal: AbortSignal
}

/**
 * Writes events one by one, waiting `tokens / tokensPerSecond` seconds before each event but the first.
 * Returns false when aborted (client gone or server stopping) before all were written.
 */
export async function writeEvents(
  res: ServerResponse,
  events: Array<{ data: unknown; tokens: number }>,
  opts: WriteEventsOptions,
): Promise<boolean> {
  const tps = opts.tokensPerSecond
  for (let i = 0; i < events.length; i++) {
    const ev = events[i]
    if (ev === undefined) continue
    if (i > 0 && tps !== undefined && tps > 0 && ev.tokens > 0) {
      if (!(await sleep((ev.tokens / tps) * 1000, opts.signal))) return false
    }
    if (opts.signal.aborted || res.destroyed) return false
    res.write(sseEvent(ev.data))
  }
  return true
}
