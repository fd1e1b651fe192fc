import { objectSlice } from '../util/options.js'

/**
 * The `judge` plugin option (and per-call `options.judge` override) of `toPassRubric`,
 * `toRefuse({ judge: true })` and `comparePairwise`. Registered in `src/plugin/options.ts`.
 */

/** Where and how the LLM judge is called. Every field is optional; env-based defaults are read in the worker. */
export interface JudgeOptions {
  /**
   * OpenAI-compatible base URL, e.g. `http://127.0.0.1:11434/v1`. Default: env `EVALGATE_JUDGE_BASE_URL`,
   * then `OPENAI_BASE_URL`, then the openai SDK's default (api.openai.com).
   */
  baseURL?: string
  /** API key. Default: env `EVALGATE_JUDGE_API_KEY`, then `OPENAI_API_KEY`. Never printed. */
  apiKey?: string
  /** Judge model id. Default: env `EVALGATE_JUDGE_MODEL`. Required one way or the other. */
  model?: string
  /** Sampling temperature, 0..2. Default 0. */
  temperature?: number
  /** Integer seed sent with every judge request. Default: none. */
  seed?: number
  /**
   * `max_tokens` of every judge request. Default 1024. A reply cut off at this bound (`finish_reason:
   * "length"`) is a judge fault (`cut_off`), never a verdict.
   */
  maxTokens?: number
  /** Ask the judge this many times and take the majority per criterion (ties are FAIL). Default 1, at most 25. */
  votes?: number
  /**
   * Ask for Structured Outputs (`response_format: json_schema`). Default true. With false the judge is asked
   * for the JSON in plain text (fenced or bare JSON is accepted). An endpoint that answers HTTP 400 about
   * `response_format` is retried once without it, and later calls to it skip it.
   */
  structured?: boolean
  /** Per-attempt timeout in ms. Default 60000. */
  timeout?: number
  /** Retries of the openai SDK (429, 5xx, connection errors). Default 2. */
  maxRetries?: number
}

/** Judge options as workers receive them (defaults applied; endpoint, key and model may still come from env). */
export interface ResolvedJudgeOptions extends JudgeOptions {
  temperature: number
  maxTokens: number
  votes: number
  structured: boolean
  timeout: number
  maxRetries: number
}

export const DEFAULT_JUDGE_OPTIONS: ResolvedJudgeOptions = { temperature: 0, maxTokens: 1024, votes: 1, structured: true, timeout: 60_000, maxRetries: 2 }

/** Schema of the endpoint fields every OpenAI-compatible endpoint option has (judge, embeddings). */
export const endpointOptionProperties = {
  baseURL: { type: 'string', minLength: 1 },
  apiKey: { type: 'string' },
  model: { type: 'string' },
} as const

/** JSON Schema of {@link JudgeOptions} (plugin option `judge` and per-call `options.judge`). */
export const judgeOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...endpointOptionProperties,
    temperature: { type: 'number', minimum: 0, maximum: 2 },
    seed: { type: 'integer' },
    maxTokens: { type: 'integer', minimum: 1, maximum: 1000000 },
    votes: { type: 'integer', minimum: 1, maximum: 25 },
    structured: { type: 'boolean' },
    timeout: { type: 'number', exclusiveMinimum: 0 },
    maxRetries: { type: 'integer', minimum: 0, maximum: 10 },
  },
} as const

/** Plugin option `judge` (type, defaults and schema above); per-call `options.judge` overrides it. */
export const judgeSlice = objectSlice<'judge', JudgeOptions, ResolvedJudgeOptions>('judge', DEFAULT_JUDGE_OPTIONS, judgeOptionsSchema)

