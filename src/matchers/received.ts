import { MatcherUsageError } from './context.js'

/** The text a matcher judges, taken from what `expect()` received. */
export interface ReceivedText {
  text: string
  /** `message.refusal` of a chat completion or message, when non-empty. */
  refusal: string | null
  /** What the text came from. */
  source: 'string' | 'completion' | 'message' | 'json'
}

type MessageLike = { role?: unknown; content?: unknown; refusal?: unknown; tool_calls?: unknown }

/** True for an object shaped like an OpenAI chat completion (has a `choices` array). */
export function isCompletion(value: unknown): value is { choices: Array<{ message?: MessageLike }> } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { choices?: unknown }).choices)
}

/** True for an object shaped like a chat message (`role` plus `content`, `refusal` or `tool_calls`). */
export function isMessage(value: unknown): value is MessageLike {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as MessageLike
  return typeof v.role === 'string' && ('content' in v || 'refusal' in v || 'tool_calls' in v)
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) {
    return content.map((p: unknown) => (typeof (p as { text?: unknown })?.text === 'string' ? (p as { text: string }).text : '')).join('')
  }
  return ''
}

function fromMessage(message: MessageLike, source: 'completion' | 'message'): ReceivedText {
  const refusal = typeof message.refusal === 'string' && message.refusal.trim() !== '' ? message.refusal : null
  return { text: contentText(message.content), refusal, source }
}

/**
 * The text of a received value: a string as is; a chat completion → `choices[0].message.content` (and its
 * `refusal`); a chat message → its content. With `json`, any other JSON-serialisable value is judged as
 * pretty JSON. Anything else throws a {@link MatcherUsageError} naming what is accepted.
 */
export function receivedText(who: string, received: unknown, options: { json?: boolean } = {}): ReceivedText {
  if (typeof received === 'string') return { text: received, refusal: null, source: 'string' }
  if (isCompletion(received)) {
    const message = received.choices[0]?.message
    if (message === undefined || message === null) throw new MatcherUsageError(`${who}: the chat completion has no choices[0].message`)
    return fromMessage(message, 'completion')
  }
  if (isMessage(received)) return fromMessage(received, 'message')
  const accepted = `a string, a chat completion or a chat message${options.json ? ', or a JSON-serialisable value' : ''}`
  if (options.json && received !== undefined && received !== null && typeof received !== 'function' && typeof received !== 'symbol' && typeof received !== 'bigint') {
    const json = JSON.stringify(received, null, 2) as string | undefined
    if (json !== undefined) return { text: json, refusal: null, source: 'json' }
  }
  throw new MatcherUsageError(`${who}: received must be ${accepted}; got ${received === null ? 'null' : typeof received}`)
}
