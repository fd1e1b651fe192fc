import type OpenAI from 'openai'
import { judgeFault, type JudgeChatRequest, type JudgeFault } from '../judge/index.js'
import { attempted, describeCallError, endpointClient, rejectsResponseFormat } from './client.js'
import type { JudgeConfig } from './judge-config.js'

// The slice lives in judge-options.ts (no ajv, no SDK) so the plugin's config-time options stay lean; the
// config resolution in judge-config.ts, so matchers that only resolve it (toRefuse) do not load the client.
export { DEFAULT_JUDGE_OPTIONS, endpointOptionProperties, judgeOptionsSchema, judgeSlice, type JudgeOptions, type ResolvedJudgeOptions } from './judge-options.js'
export { checkJudgeOverride, firstSet, JudgeConfigError, resolveJudgeConfig, type Env, type JudgeConfig } from './judge-config.js'

/**
 * Calls the judge endpoint with a request built by the pure engine (`src/judge`), turning every failure
 * into a `JudgeFault`: a call never throws and never yields a verdict it did not read.
 */

/** What the judge answered. */
export interface JudgeReply {
  text: string | null
  /** The endpoint's `message.refusal` (Structured Outputs), if any. */
  refusal: string | null
  finishReason: string | null
  /** Model id the endpoint reported. */
  model: string | null
  attempts: number
}

/** One judge call: the reply, or the fault that replaces it. `structured` says how the request was sent. */
export type JudgeCallOutcome = { ok: true; reply: JudgeReply; structured: boolean } | { ok: false; fault: JudgeFault; structured: boolean }

/**
 * Sends `build(structured)` to the judge. `structured` starts as `config.structured`, unless the endpoint
 * already rejected `response_format`: an HTTP 400 naming `response_format` / `json_schema` is retried once
 * with `build(false)` and remembered for this endpoint (the plain request asks for the same JSON).
 */
export async function callJudge(config: JudgeConfig, build: (structured: boolean) => JudgeChatRequest): Promise<JudgeCallOutcome> {
  const entry = await endpointClient('judge', config, config.model)
  let structured = config.structured && !entry.structuredUnsupported
  const send = (body: JudgeChatRequest) =>
    attempted((requestOptions) => entry.client.chat.completions.create(body as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, requestOptions), config)
  let result = await send(build(structured))
  if (!result.ok && structured && rejectsResponseFormat(result.error)) {
    entry.structuredUnsupported = true
    structured = false
    result = await send(build(false))
  }
  if (!result.ok) return { ok: false, structured, fault: judgeFault('endpoint_error', describeCallError('judge', result.error, result.attempts, config)) }
  const completion = result.value
  const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined
  if (choice === undefined) return { ok: false, structured, fault: judgeFault('empty_reply', 'judge response has no choices') }
  const message = choice.message as { content?: unknown; refusal?: unknown } | undefined
  // A reply cut off at max_tokens is not a verdict, even when what arrived happens to parse.
  if (choice.finish_reason === 'length') {
    const text = typeof message?.content === 'string' ? message.content : null
    return { ok: false, structured, fault: judgeFault('cut_off', `judge reply cut off at max_tokens ${config.maxTokens} (finish_reason "length"): raise judge.maxTokens or use a judge that answers briefly`, text) }
  }
  return {
    ok: true,
    structured,
    reply: {
      text: typeof message?.content === 'string' ? message.content : null,
      refusal: typeof message?.refusal === 'string' ? message.refusal : null,
      finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
      model: typeof completion.model === 'string' ? completion.model : null,
      attempts: result.attempts,
    },
  }
}
