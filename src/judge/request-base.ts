import type { JsonSchema, JudgeCallOptions, JudgeChatRequest } from './types.js'

/**
 * Assembles a validated chat.completions body. Keys that are unused are left out (never undefined) so
 * that the same options always give a deep-equal body with the same stableHash.
 */
export function chatRequest(
  options: JudgeCallOptions,
  system: string,
  user: string,
  format: { name: string; schema: JsonSchema },
): JudgeChatRequest {
  const { model, temperature = 0, seed, maxTokens, structured = true } = options
  if (typeof model !== 'string' || model.trim() === '') throw new TypeError('judge: model must be a non-empty string')
  if (typeof temperature !== 'number' || !(temperature >= 0 && temperature <= 2)) {
    throw new RangeError(`judge: temperature must be within 0..2, got ${String(temperature)}`)
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new RangeError(`judge: seed must be an integer, got ${String(seed)}`)
  if (maxTokens !== undefined && !(Number.isSafeInteger(maxTokens) && maxTokens > 0)) {
    throw new RangeError(`judge: maxTokens must be a positive integer, got ${String(maxTokens)}`)
  }
  const request: JudgeChatRequest = {
    model,
    temperature,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
  }
  if (seed !== undefined) request.seed = seed
  if (maxTokens !== undefined) request.max_tokens = maxTokens
  if (structured) request.response_format = { type: 'json_schema', json_schema: { name: format.name, strict: true, schema: format.schema } }
  return request
}

/** Throws unless `text` is a string (judged text must be text; the glue serialises anything else). */
export function requireText(what: string, text: unknown): string {
  if (typeof text !== 'string') throw new TypeError(`judge: ${what} must be a string, got ${text === null ? 'null' : typeof text}`)
  return text
}
