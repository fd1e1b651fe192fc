/**
 * Reply scripting: picks the rule answering a chat request and normalises its {@link ReplySpec}.
 * Default reply (nothing matches, or no `replies`): `echo: <text of the last user message>`.
 */
import { contentText } from './tokens.js'
import type {
  ChatRequest,
  FinishReason,
  Replies,
  ReplyContext,
  ReplySpec,
  RequestMatcher,
} from './types.js'

/** A reply with every field resolved to the shape the server emits. */
export interface ResolvedReply {
  content: string | null
  toolCalls: Array<{ name: string; arguments: string }>
  finishReason: FinishReason | undefined
  promptTokens: number | undefined
  completionTokens: number | undefined
  latencyMs: number | undefined
  ttftMs: number | undefined
  /** Stream pieces of `content` given by the reply, if any. */
  pieces?: string[]
}

/** Text of the last `user` message of the request ('' when there is none). */
export function lastUserText(req: ChatRequest): string {
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m = req.messages[i]
    if (m?.role === 'user') return contentText(m.content)
  }
  return ''
}

/** Whether `matcher` accepts a chat request (strings: includes; RegExp: test; both on the last user message). */
export function matchesChat(matcher: RequestMatcher | undefined, req: ChatRequest): boolean {
  if (matcher === undefined) return true
  if (typeof matcher === 'function') return matcher(req)
  return matchesText(matcher, lastUserText(req))
}

/** Whether a string/RegExp matcher accepts `text`. */
export function matchesText(matcher: string | RegExp, text: string): boolean {
  if (typeof matcher === 'string') return text.includes(matcher)
  matcher.lastIndex = 0
  return matcher.test(text)
}

/** The deterministic default reply. */
export function defaultReply(req: ChatRequest): string {
  return `echo: ${lastUserText(req)}`
}

/** Finds and evaluates the reply for one choice of a request. */
export async function resolveReply(replies: Replies | undefined, req: ChatRequest, ctx: ReplyContext): Promise<ResolvedReply> {
  let spec: ReplySpec | undefined
  if (typeof replies === 'function') {
    spec = await replies(req, ctx)
  } else if (replies !== undefined) {
    const rule = replies.find((r) => matchesChat(r.match, req))
    if (rule !== undefined) spec = typeof rule.reply === 'function' ? await rule.reply(req, ctx) : rule.reply
  }
  return normaliseReply(spec ?? defaultReply(req), req)
}

/** Turns a {@link ReplySpec} into a {@link ResolvedReply}. */
export function normaliseReply(spec: ReplySpec, req: ChatRequest): ResolvedReply {
  if (typeof spec === 'string') spec = { content: spec }
  const toolCalls = (spec.toolCalls ?? []).map((c) => ({
    name: c.name,
    arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
  }))
  const content = spec.content !== undefined ? spec.content : toolCalls.length > 0 ? null : defaultReply(req)
  if (spec.pieces !== undefined && spec.pieces.join('') !== (content ?? '')) {
    throw new TypeError('evalgate test server: reply "pieces" must join to its "content"')
  }
  return {
    ...(spec.pieces === undefined ? {} : { pieces: [...spec.pieces] }),
    content,
    toolCalls,
    finishReason: spec.finishReason,
    promptTokens: spec.usage?.promptTokens,
    completionTokens: spec.usage?.completionTokens,
    latencyMs: spec.latencyMs,
    ttftMs: spec.ttftMs,
  }
}
