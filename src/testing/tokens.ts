/**
 * Deterministic token approximation used for `usage`: a token is a run of letters/digits or a single
 * other non-space character. "Hello, world!" counts 4. Not a real tokenizer, but stable and monotonic.
 */
import type { ChatMessage, ChatContentPart } from './types.js'

const TOKEN = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu

/** Number of approximate tokens in `text`. */
export function countTokens(text: string): number {
  let n = 0
  TOKEN.lastIndex = 0
  while (TOKEN.exec(text) !== null) n++
  return n
}

/** Cuts `text` after its first `max` tokens (keeps it whole when it has no more than `max`). */
export function truncateToTokens(text: string, max: number): { text: string; truncated: boolean } {
  if (max <= 0) return { text: '', truncated: text.trim().length > 0 }
  const re = new RegExp(TOKEN.source, TOKEN.flags)
  let n = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    n++
    if (n === max) {
      const end = m.index + m[0].length
      return { text: text.slice(0, end), truncated: re.exec(text) !== null }
    }
  }
  return { text, truncated: false }
}

/** The text of a message content: a string, or the `text` parts of a multi-part content joined by newlines. */
export function contentText(content: string | ChatContentPart[] | null | undefined): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((p) => (p && typeof p.text === 'string' ? p.text : ''))
    .filter((t) => t.length > 0)
    .join('\n')
}

/** Prompt tokens of a chat request: tokens of every message's text plus its tool calls' names and arguments. */
export function countPromptTokens(messages: ChatMessage[]): number {
  let n = 0
  for (const m of messages) {
    n += countTokens(contentText(m.content))
    for (const call of m.tool_calls ?? []) {
      n += countTokens(call.function?.name ?? '') + countTokens(call.function?.arguments ?? '')
    }
  }
  return n
}
