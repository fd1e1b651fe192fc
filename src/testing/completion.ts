/**
 * Builds chat completion responses (whole objects and stream chunks) from resolved replies.
 */
import { countPromptTokens, countTokens, truncateToTokens } from './tokens.js'
import { splitPieces, splitFixed } from './sse.js'
import type { ResolvedReply } from './replies.js'
import type { ChatRequest, FinishReason } from './types.js'

/** One generated choice. */
export interface BuiltChoice {
  index: number
  content: string | null
  toolCalls: Array<{ id: string; name: string; arguments: string }>
  finishReason: FinishReason
  /** Stream pieces of `content` (absent: word by word). */
  pieces?: string[]
}

/** A generated completion, before serialisation. */
export interface BuiltCompletion {
  id: string
  created: number
  model: string
  choices: BuiltChoice[]
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number }
}

/** A stream chunk with the approximate number of tokens it carries (for pacing). */
export interface PacedChunk {
  chunk: Record<string, unknown>
  tokens: number
}

const FINGERPRINT = 'fp_evalgate'

/** Assembles the completion for `req` from one resolved reply per choice; `seq` makes ids unique. */
export function buildCompletion(req: ChatRequest, replies: ResolvedReply[], seq: number): BuiltCompletion {
  const limit = req.max_completion_tokens ?? req.max_tokens ?? undefined
  let completionTokens = 0
  const choices = replies.map((r, index): BuiltChoice => {
    let content = r.content
    let cut = false
    if (content !== null && typeof limit === 'number' && r.finishReason === undefined) {
      const t = truncateToTokens(content, limit)
      content = t.text
      cut = t.truncated
    }
    const toolCalls = r.toolCalls.map((c, i) => ({ id: `call_${seq}_${index}_${i}`, ...c }))
    completionTokens +=
      r.completionTokens ??
      countTokens(content ?? '') + toolCalls.reduce((s, c) => s + countTokens(c.name) + countTokens(c.arguments), 0)
    const finishReason = r.finishReason ?? (cut ? 'length' : toolCalls.length > 0 ? 'tool_calls' : 'stop')
    return { index, content, toolCalls, finishReason, ...(r.pieces !== undefined && !cut ? { pieces: r.pieces } : {}) }
  })
  const promptTokens = replies[0]?.promptTokens ?? countPromptTokens(req.messages)
  return {
    id: `chatcmpl-evalgate-${seq}`,
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    choices,
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  }
}

/** The `chat.completion` object of a non-streamed answer. */
export function toChatCompletion(c: BuiltCompletion): Record<string, unknown> {
  return {
    id: c.id,
    object: 'chat.completion',
    created: c.created,
    model: c.model,
    system_fingerprint: FINGERPRINT,
    choices: c.choices.map((ch) => ({
      index: ch.index,
      message: {
        role: 'assistant',
        content: ch.content,
        refusal: null,
        ...(ch.toolCalls.length > 0
          ? {
              tool_calls: ch.toolCalls.map((t) => ({
                id: t.id,
                type: 'function',
                function: { name: t.name, arguments: t.arguments },
              })),
            }
          : {}),
      },
      logprobs: null,
      finish_reason: ch.finishReason,
    })),
    usage: c.usage,
  }
}

/**
 * The `chat.completion.chunk` objects of a streamed answer: per choice a role chunk, content deltas
 * (word-ish pieces), tool call deltas (first with id and name, then argument fragments), a chunk with
 * `finish_reason`; finally, when `includeUsage`, a chunk with `choices: []` and `usage`.
 */
export function toChunks(c: BuiltCompletion, includeUsage: boolean): PacedChunk[] {
  const out: PacedChunk[] = []
  const chunk = (index: number, delta: Record<string, unknown>, finish: FinishReason | null, tokens: number): void => {
    out.push({
      tokens,
      chunk: {
        id: c.id,
        object: 'chat.completion.chunk',
        created: c.created,
        model: c.model,
        system_fingerprint: FINGERPRINT,
        choices: [{ index, delta, logprobs: null, finish_reason: finish }],
      },
    })
  }
  for (const ch of c.choices) {
    chunk(ch.index, { role: 'assistant', content: ch.content === null ? null : '', refusal: null }, null, 0)
    for (const piece of ch.pieces ?? splitPieces(ch.content ?? '')) chunk(ch.index, { content: piece }, null, countTokens(piece))
    ch.toolCalls.forEach((t, i) => {
      chunk(ch.index, { tool_calls: [{ index: i, id: t.id, type: 'function', function: { name: t.name, arguments: '' } }] }, null, countTokens(t.name))
      for (const piece of splitFixed(t.arguments, 12)) {
        chunk(ch.index, { tool_calls: [{ index: i, function: { arguments: piece } }] }, null, countTokens(piece))
      }
    })
    chunk(ch.index, {}, ch.finishReason, 0)
  }
  if (includeUsage) {
    out.push({
      tokens: 0,
      chunk: {
        id: c.id,
        object: 'chat.completion.chunk',
        created: c.created,
        model: c.model,
        system_fingerprint: FINGERPRINT,
        choices: [],
        usage: c.usage,
      },
    })
  }
  return out
}
