/**
 * `POST /v1/chat/completions`: scripted replies, latency, faults, JSON or SSE answers.
 */
import { applyEarlyFault, INVALID_JSON_BODY, sendJsonWithFault, shapeCompletionForFault } from './faults.js'
import { sendError } from './http.js'
import { sleep } from './latency.js'
import { resolveReply, type ResolvedReply } from './replies.js'
import { buildCompletion, toChatCompletion, toChunks } from './completion.js'
import { sseEvent, startSse, writeEvents } from './sse.js'
import type { RouteContext } from './state.js'
import type { ChatRequest } from './types.js'

const MAX_CHOICES = 16

/** Handles one chat completion request. */
export async function handleChat(ctx: RouteContext): Promise<void> {
  const { res, state, headers, signal } = ctx
  const problem = validate(ctx.body)
  if (problem !== undefined) {
    sendError(res, 400, problem, 'invalid_request_error', null, headers)
    return
  }
  const req = ctx.body as ChatRequest
  const start = Date.now()
  state.seenModels.add(req.model)
  const callIndex = state.chatCalls++
  const stream = req.stream === true
  // Draw in arrival order, before anything asynchronous, so sequences are repeatable.
  const latency = state.samplers.latency()
  const ttft = stream ? state.samplers.ttft?.() : undefined
  const fault = state.faults.pick({ endpoint: 'chat', request: req })
  if (applyEarlyFault(res, fault, headers, ctx.req.headers.authorization)) return

  const n = Math.min(MAX_CHOICES, Math.max(1, Math.floor(req.n ?? 1)))
  let replies: ResolvedReply[]
  try {
    replies = await Promise.all(
      Array.from({ length: n }, (_, choiceIndex) => resolveReply(state.options.replies, req, { choiceIndex, callIndex })),
    )
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    sendError(res, 500, `evalgate model server: reply function threw: ${message}`, 'server_error', null, headers)
    return
  }
  const first = replies[0]
  const delay = stream ? (first?.ttftMs ?? first?.latencyMs ?? ttft ?? latency) : (first?.latencyMs ?? latency)
  if (!(await sleep(start + delay - Date.now(), signal))) return

  const built = buildCompletion(req, replies, ctx.seq)
  if (!stream) {
    sendJsonWithFault(res, shapeCompletionForFault(toChatCompletion(built), fault), fault, headers)
    return
  }
  startSse(res, headers)
  if (fault?.kind === 'invalid_json') {
    res.end(sseEvent(INVALID_JSON_BODY) + sseEvent('[DONE]'))
    return
  }
  const chunks = toChunks(built, req.stream_options?.include_usage === true)
  const events = chunks.map((c) => ({ data: c.chunk as unknown, tokens: c.tokens }))
  if (fault?.kind === 'truncated_sse' || fault?.kind === 'empty_choices') {
    // truncated_sse: content chunks only, then a clean close: no finish_reason, no [DONE].
    // empty_choices: a stream whose chunks carry no choices at all, then [DONE].
    const kept =
      fault.kind === 'truncated_sse'
        ? events.filter((e) => !hasFinishReason(e.data)).slice(0, Math.max(2, Math.floor(events.length / 2)))
        : [{ data: { id: 'chatcmpl-empty', object: 'chat.completion.chunk', created: 0, model: req.model, choices: [] } as unknown, tokens: 0 }, { data: '[DONE]', tokens: 0 }]
    if (!(await writeEvents(res, kept, { tokensPerSecond: state.options.tokensPerSecond, signal }))) return
    res.end()
    return
  }
  if (fault?.kind === 'truncate') {
    const kept = events.slice(0, Math.max(2, Math.floor(events.length / 2)))
    if (!(await writeEvents(res, kept, { tokensPerSecond: state.options.tokensPerSecond, signal }))) return
    res.write('', () => setTimeout(() => res.socket?.destroy(), 5))
    return
  }
  events.push({ data: '[DONE]', tokens: 0 })
  if (!(await writeEvents(res, events, { tokensPerSecond: state.options.tokensPerSecond, signal }))) return
  res.end()
}

function validate(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'Request body must be a JSON object.'
  const b = body as Record<string, unknown>
  if (typeof b.model !== 'string' || b.model === '') return "Missing required parameter: 'model'."
  if (!Array.isArray(b.messages) || b.messages.length === 0) return "'messages' must be a non-empty array."
  for (const m of b.messages) {
    if (m === null || typeof m !== 'object' || typeof (m as Record<string, unknown>).role !== 'string') {
      return "Each message must be an object with a 'role'."
    }
  }
  return undefined
}

function hasFinishReason(data: unknown): boolean {
  const choices = (data as { choices?: Array<{ finish_reason?: unknown }> } | null)?.choices
  return !Array.isArray(choices) || choices.length === 0 || choices.some((c) => c.finish_reason != null)
}
