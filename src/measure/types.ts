/** What kind of endpoint call a measurement describes. */
export type CallKind = 'chat' | 'embedding' | 'judge'

/** Why a call failed, by kind: the report counts failures per kind. */
export type CallErrorKind =
  | 'rate_limit'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'bad_request'
  | 'auth'
  | 'invalid_response'
  /** A stream closed without `finish_reason` or `[DONE]`. */
  | 'truncated'
  /** A 200 whose body is not JSON. */
  | 'not_json'
  /** A 200 with an HTML page. */
  | 'html'
  /** A 200 with `choices: []` (or no embeddings). */
  | 'empty_choices'
  /** A 200 whose every choice has null content and no tool calls. */
  | 'null_content'
  | 'other'

export interface CallError {
  kind: CallErrorKind
  /** HTTP status, when the endpoint answered with one. */
  status?: number
  message: string
}

/**
 * One measured call to an OpenAI-compatible endpoint. Plain data (survives structuredClone), so it can
 * travel in Vitest's task meta to the main process, into baselines and reports.
 */
export interface CallMeasurement {
  kind: CallKind
  /** Model id the endpoint reported (falls back to the requested one). */
  model: string | null
  stream: boolean
  /** Epoch milliseconds at which the call started. */
  startedAt: number
  /** Wall time of the whole call, retries included, in ms. */
  totalMs: number
  /**
   * Time from the sending of the request that answered (its `fetch`, so neither the SDK's request building
   * nor earlier retries count) to the arrival of the first content token's bytes (streams only), in ms;
   * null when not streamed or nothing arrived.
   */
  ttftMs: number | null
  promptTokens: number | null
  completionTokens: number | null
  totalTokens: number | null
  /**
   * Completion tokens per second of generation. Streams: (completion tokens − 1) over the time from the first
   * to the last content chunk's arrival, null when that window is under 50 ms (`MIN_DECODE_MS`).
   */
  tokensPerSecond: number | null
  /** How many HTTP attempts the SDK made (1 = no retry). */
  attempts: number
  ok: boolean
  /** Why the call failed in the end (after the SDK's retries). */
  error?: CallError
  /** Every failed attempt, including those a later retry recovered from. Never swallowed. */
  failures?: CallError[]
  /** Short hash of the output text and tool calls (never the text itself), to tell changed outputs apart. */
  outputHash?: string
  /** True when the answer came from evalgate's record/replay cache rather than the network. */
  cached?: boolean
  /**
   * What the record/replay cache did, when it is on: `hit` = replayed (no network), `miss` = sent to the
   * endpoint (and recorded when it succeeded), `unavailable` = replay mode without a recording (failed).
   */
  cache?: 'hit' | 'miss' | 'unavailable'
  /** For cache hits: the timing of the original live call. `totalMs`/`ttftMs` above are the replay's. */
  recorded?: { totalMs: number; ttftMs: number | null }
}

/**
 * The latency a call stands for: the endpoint's own timing, which for a cache hit is the recorded timing of
 * the original call (replay time says nothing about the endpoint). Null for a hit recorded without timing.
 */
export function endpointTiming(m: CallMeasurement): { totalMs: number; ttftMs: number | null } | null {
  if (!m.cached) return { totalMs: m.totalMs, ttftMs: m.ttftMs }
  return m.recorded ?? null
}
