/**
 * Reads an OpenAI chat transcript (messages with `tool_calls` and `tool` results) into steps. Pure.
 * Bad input is a {@link TrajectoryInputError} naming the message index: an empty transcript, a message
 * that is not one, a tool call whose `arguments` are not JSON, a tool result for no call.
 */
export class TrajectoryInputError extends Error {
  override name = 'EvalgateUsageError'
}

export interface TrajectoryCall {
  /** Index of the assistant message in the transcript. */
  message: number
  id: string
  name: string
  args: unknown
  /** The raw arguments string (for redundancy checks). */
  rawArgs: string
  result?: { text: string; error: boolean; message: number }
}

export interface Transcript {
  calls: TrajectoryCall[]
  /** Assistant turns: message index, text, how many tool calls. */
  turns: Array<{ message: number; text: string; calls: number }>
  /** Text of the last assistant message without tool calls (the final answer), or null. */
  final: string | null
  messages: number
}

/** A tool result is an error when its JSON has an `error` field or its text starts with "error". */
export function isErrorResult(text: string): boolean {
  if (/^\s*(error|exception|failed)\b/i.test(text)) return true
  try {
    const v = JSON.parse(text) as unknown
    return typeof v === 'object' && v !== null && !Array.isArray(v) && 'error' in v && (v as { error?: unknown }).error != null && (v as { error?: unknown }).error !== false
  } catch {
    return false
  }
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'object' && p && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('')
  return ''
}

export function parseTranscript(messages: unknown): Transcript {
  if (!Array.isArray(messages)) throw new TrajectoryInputError(`the transcript must be an array of chat messages, got ${messages === null ? 'null' : typeof messages}`)
  if (messages.length === 0) throw new TrajectoryInputError('the transcript is empty (no messages)')
  const calls: TrajectoryCall[] = []
  const byId = new Map<string, TrajectoryCall>()
  const turns: Transcript['turns'] = []
  let final: string | null = null
  messages.forEach((m: unknown, i) => {
    if (typeof m !== 'object' || m === null || typeof (m as { role?: unknown }).role !== 'string') throw new TrajectoryInputError(`messages[${i}] is not a chat message (no role)`)
    const msg = m as { role: string; content?: unknown; tool_calls?: unknown; tool_call_id?: unknown }
    if (msg.role === 'assistant') {
      const raw = Array.isArray(msg.tool_calls) ? msg.tool_calls : []
      raw.forEach((c: unknown, j) => {
        const call = c as { id?: unknown; function?: { name?: unknown; arguments?: unknown } }
        const name = call?.function?.name
        if (typeof name !== 'string' || !name) throw new TrajectoryInputError(`messages[${i}].tool_calls[${j}] has no function name`)
        const rawArgs = typeof call.function?.arguments === 'string' ? call.function.arguments : JSON.stringify(call.function?.arguments ?? {})
        let args: unknown
        try {
          args = rawArgs.trim() === '' ? {} : JSON.parse(rawArgs)
        } catch (error) {
          throw new TrajectoryInputError(`messages[${i}].tool_calls[${j}] (${name}): arguments are not valid JSON (${(error as Error).message}): ${JSON.stringify(rawArgs.slice(0, 80))}`)
        }
        const id = typeof call.id === 'string' ? call.id : `${i}:${j}`
        const entry: TrajectoryCall = { message: i, id, name, args, rawArgs }
        calls.push(entry)
        byId.set(id, entry)
      })
      const text = textOf(msg.content)
      turns.push({ message: i, text, calls: raw.length })
      final = raw.length === 0 ? text : null
    } else if (msg.role === 'tool') {
      const id = msg.tool_call_id
      const call = typeof id === 'string' ? byId.get(id) : undefined
      if (!call) throw new TrajectoryInputError(`messages[${i}] is a tool result for ${typeof id === 'string' ? `call id "${id}", which no earlier assistant message made` : 'no tool_call_id'}`)
      const text = textOf(msg.content)
      call.result = { text, error: isErrorResult(text), message: i }
    }
  })
  return { calls, turns, final, messages: messages.length }
}
