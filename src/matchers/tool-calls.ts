import { isCompletion, isMessage } from './received.js'

/** A tool call as evalgate reads it from a completion, a message or a `tool_calls` array. */
export interface ToolCallInfo {
  /** Position among the calls received (0-based, across choices). */
  index: number
  /** `function` for function tools; other types (e.g. `custom`) are listed but never match a name. */
  type: string
  name: string | null
  /** The raw `arguments` string (custom tools: their `input`). */
  arguments: string
}

function readCall(value: unknown, index: number): ToolCallInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as { type?: unknown; function?: { name?: unknown; arguments?: unknown }; custom?: { name?: unknown; input?: unknown } }
  const type = typeof v.type === 'string' ? v.type : v.function ? 'function' : 'unknown'
  const body = type === 'custom' ? { name: v.custom?.name, args: v.custom?.input } : { name: v.function?.name, args: v.function?.arguments }
  return {
    index,
    type,
    name: typeof body.name === 'string' ? body.name : null,
    arguments: typeof body.args === 'string' ? body.args : body.args === undefined ? '' : JSON.stringify(body.args),
  }
}

/**
 * The tool calls of a chat completion (every choice's message), a chat message, or a `tool_calls` array;
 * undefined when the value is none of those.
 */
export function readToolCalls(received: unknown): ToolCallInfo[] | undefined {
  let raw: unknown[]
  if (Array.isArray(received)) raw = received
  else if (isCompletion(received)) raw = received.choices.flatMap((c) => (Array.isArray(c?.message?.tool_calls) ? (c.message.tool_calls as unknown[]) : []))
  else if (isMessage(received)) raw = Array.isArray(received.tool_calls) ? received.tool_calls : []
  else return undefined
  const calls: ToolCallInfo[] = []
  for (const [i, item] of raw.entries()) {
    const call = readCall(item, i)
    if (call === undefined) return undefined
    calls.push(call)
  }
  return calls
}
