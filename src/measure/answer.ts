/**
 * Is a 2xx answer really an answer? A completion that is not a completion (a body that is not JSON, an
 * HTML page, `choices: []`, null content where content was asked for) and a stream that ends without a
 * `finish_reason` or `[DONE]` are failed calls of their own kind, never good calls, and are never cached.
 * Pure functions over the body text, shared by the measurement and the record/replay cache.
 */
import type { CallError } from './types.js'

/** The endpoint a body answers: chat completions (chat and judge calls) or embeddings. */
export type AnswerEndpoint = 'chat' | 'embedding'

function excerpt(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return t.length > 80 ? `${t.slice(0, 80)}…` : t
}

/** A non-streamed 2xx body checked as an answer: what is wrong with it, or the JSON it parsed to. */
export type AnswerVerdict = { problem: CallError; json?: undefined } | { problem?: undefined; json: object }

/**
 * Checks a non-streamed 2xx body: what is wrong with it, or, for a well-formed answer, the JSON it parsed
 * to (kept, so nobody parses it twice).
 */
export function readAnswer(endpoint: AnswerEndpoint, contentType: string, text: string): AnswerVerdict {
  const problem = (p: CallError): AnswerVerdict => ({ problem: p })
  const looksHtml = /html/i.test(contentType) || /^\s*<(!doctype|html|head|body)\b/i.test(text)
  if (looksHtml) return problem({ kind: 'html', message: `the endpoint answered 200 with an HTML page, not a ${what(endpoint)}: "${excerpt(text)}"` })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return problem({ kind: 'not_json', message: `the endpoint answered 200 with a body that is not JSON: "${excerpt(text)}"` })
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return problem({ kind: 'not_json', message: `the endpoint answered 200 with JSON that is not an object: "${excerpt(text)}"` })
  }
  if (endpoint === 'embedding') {
    const data = (json as { data?: unknown }).data
    if (!Array.isArray(data) || data.length === 0) return problem({ kind: 'empty_choices', message: 'the endpoint answered 200 with no embeddings (`data` missing or empty)' })
    return { json }
  }
  const choices = (json as { choices?: unknown }).choices
  if (!Array.isArray(choices) || choices.length === 0) {
    return problem({ kind: 'empty_choices', message: 'the endpoint answered 200 with no choices (`choices` missing or empty)' })
  }
  const empty = choices.every((c) => {
    const msg = (c as { message?: { content?: unknown; tool_calls?: unknown; refusal?: unknown } } | null)?.message
    const tools = msg?.tool_calls
    return (msg?.content === null || msg?.content === undefined) && !(Array.isArray(tools) && tools.length > 0) && typeof msg?.refusal !== 'string'
  })
  if (empty) return problem({ kind: 'null_content', message: 'the endpoint answered 200 with null content and no tool calls in every choice' })
  return { json }
}

function what(endpoint: AnswerEndpoint): string {
  return endpoint === 'chat' ? 'chat completion' : 'embeddings answer'
}

/**
 * True when an SSE text (the whole stream) is a complete answer: it carries a `finish_reason` or the final
 * `[DONE]` event, and at least one chunk with choices.
 */
export function sseComplete(text: string): boolean {
  const ended = /(^|\n)data: ?\[DONE\]\s*(\n|$)/.test(text) || /"finish_reason"\s*:\s*"[^"]+"/.test(text)
  return ended && /"choices"\s*:\s*\[\s*\{/.test(text)
}

/** The failure of a stream that closed cleanly without a `finish_reason` and without `[DONE]`. */
export function truncatedStream(): CallError {
  return { kind: 'truncated', message: 'the stream ended without a finish_reason or [DONE]: the answer was cut short' }
}
