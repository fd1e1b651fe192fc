/**
 * Public types of the local OpenAI-compatible model server (`evalgate/testing`).
 */

/** One part of a multi-part message content (only `text` parts carry text the server reads). */
export interface ChatContentPart {
  type: string
  text?: string
  [key: string]: unknown
}

/** A tool call as it appears in an assistant message of a request. */
export interface ChatToolCall {
  id: string
  type: 'function'
  function: { name: string; arguments: string }
}

/** One message of a chat request, typed loosely enough to accept everything the SDK sends. */
export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function'
  content?: string | ChatContentPart[] | null
  name?: string
  tool_calls?: ChatToolCall[]
  tool_call_id?: string
  [key: string]: unknown
}

/** A tool definition of a chat request. */
export interface ChatToolDefinition {
  type: string
  function?: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null }
  [key: string]: unknown
}

/** The parsed body of `POST /v1/chat/completions`, as reply rules and functions see it. */
export interface ChatRequest {
  model: string
  messages: ChatMessage[]
  stream?: boolean | null
  stream_options?: { include_usage?: boolean | null } | null
  response_format?: { type: string; json_schema?: Record<string, unknown> } | null
  tools?: ChatToolDefinition[] | null
  tool_choice?: unknown
  temperature?: number | null
  top_p?: number | null
  seed?: number | null
  n?: number | null
  max_tokens?: number | null
  max_completion_tokens?: number | null
  stop?: string | string[] | null
  user?: string
  [key: string]: unknown
}

/** A tool call the scripted assistant makes; object arguments are JSON-encoded. */
export interface ToolCallSpec {
  name: string
  arguments: string | Record<string, unknown> | unknown[]
}

/** Why a choice finished, as the OpenAI API reports it. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call'

/** A full reply description. */
export interface ReplyObject {
  /** Assistant text. Defaults to `null` when `toolCalls` are given, else to the default echo reply. */
  content?: string
  toolCalls?: ToolCallSpec[]
  /** Defaults to `tool_calls` when tool calls are present, else `stop` (or `length` when `max_tokens` cut the text). */
  finishReason?: FinishReason
  /** Overrides of the approximated token counts. */
  usage?: { promptTokens?: number; completionTokens?: number }
  /** Fixed latency for this reply, overriding the server's `latency` option. */
  latencyMs?: number
  /** Fixed time to first chunk for this reply when streamed, overriding `ttft`/`latency`. */
  ttftMs?: number
  /**
   * When streamed, the content deltas, in order (they must join to `content`). Default: word by word.
   * Ignored when `max_tokens` cuts the text.
   */
  pieces?: string[]
}

/** How the assistant answers: just the content, or a full description. */
export type ReplySpec = string | ReplyObject

/** Extra information handed to reply functions. */
export interface ReplyContext {
  /** Index of the choice being generated (0 unless the request asked for `n` > 1). */
  choiceIndex: number
  /** 0-based index of this chat request among the chat requests since start or the last reset. */
  callIndex: number
}

/** A function computing the reply from the whole request. */
export type ReplyFunction = (req: ChatRequest, ctx: ReplyContext) => ReplySpec | Promise<ReplySpec>

/**
 * Selects requests. A string matches when the last user message includes it, a RegExp when it matches
 * the last user message, a function when it returns true for the whole request.
 */
export type RequestMatcher = string | RegExp | ((req: ChatRequest) => boolean)

/** A reply rule: the first rule whose `match` accepts the request answers it (no `match` = always). */
export interface ReplyRule {
  match?: RequestMatcher
  reply: ReplySpec | ReplyFunction
}

/** The `replies` option: ordered rules, or one function for full control. */
export type Replies = ReplyRule[] | ReplyFunction

/**
 * A delay in milliseconds: a fixed number, uniform in `[min, max]`, normal (clamped at 0), or drawn from
 * a list of observed samples. Random forms are drawn from the server's seeded generator.
 */
export type LatencySpec =
  | number
  | { min: number; max: number }
  | { mean: number; sd: number }
  | { samples: number[] }

/** The kinds of failure the server can inject. */
export type FaultKind =
  | 'rate_limit'
  | 'server_error'
  | 'hang'
  | 'truncate'
  | 'invalid_json'
  // Answers that are not answers (issue 10's fault matrix): see src/testing/faults.ts.
  | 'truncated_sse'
  | 'non_json'
  | 'html'
  | 'empty_choices'
  | 'null_content'
  | 'echo_key_401'

/** An injected failure. */
export interface FaultSpec {
  kind: FaultKind
  /** How many requests it affects before it stops (default: unlimited). */
  times?: number
  /** Affect only every Nth eligible request (1-based: `every: 3` hits the 3rd, 6th, ...). */
  every?: number
  /**
   * Restricts the fault to matching requests. For embeddings a string/RegExp is tested against the
   * inputs joined by newlines; a function matcher only ever matches chat requests.
   */
  match?: RequestMatcher
  /** Seconds the client is told to wait (`rate_limit` only; default 0). Sent as `retry-after` and `retry-after-ms`. */
  retryAfter?: number
  /** Restrict to one endpoint (default: chat and embeddings). */
  endpoint?: 'chat' | 'embeddings'
}

/** Options of {@link startModelServer}; all optional, all changeable later with `setOptions`. */
export interface ModelServerOptions {
  /** Port to listen on (default 0: any free port). Only read at start. */
  port?: number
  /** How the assistant answers (default: `echo: <last user message>`). */
  replies?: Replies
  /** Delay before the response (non-stream) or the first chunk (stream). Applies to chat and embeddings. */
  latency?: LatencySpec
  /** For streams: delay before the first chunk, replacing `latency` when set. */
  ttft?: LatencySpec
  /** Pacing of stream chunks after the first (default: no delay). */
  tokensPerSecond?: number
  /** Injected failures, tried in order; the first that triggers wins. */
  faults?: FaultSpec[]
  /** Seed of the latency generator (default 42). */
  seed?: number | string
  /** Default embedding size when the request has no `dimensions` (default 256). */
  embeddingDimensions?: number
  /** Models listed by `GET /v1/models` besides those seen in requests (default `['evalgate-mock']`). */
  models?: string[]
}

/** Which endpoint a recorded request addressed. */
export type Endpoint = 'chat' | 'embeddings' | 'models' | 'other'

/** A request as the server recorded it. The API key is never stored. */
export interface RecordedRequest {
  /** `req_<n>`, also sent back as the `x-request-id` header. */
  id: string
  method: string
  /** Path without query string. */
  path: string
  /** Parsed JSON body, or null when empty or malformed. */
  body: unknown
  /** Lower-cased headers; `authorization` and other key headers are replaced by `[REDACTED]`. */
  headers: Record<string, string>
  /** Epoch milliseconds at which the request body was fully received. */
  receivedAt: number
  endpoint: Endpoint
}

/** A running model server. */
export interface ModelServer {
  /** `http://127.0.0.1:PORT/v1`, ready for `new OpenAI({ baseURL })`. */
  readonly baseURL: string
  /** `http://127.0.0.1:PORT` (no `/v1`). */
  readonly url: string
  readonly port: number
  /** Every request received, in the order their bodies completed. */
  readonly requests: RecordedRequest[]
  /** Number of recorded requests, optionally only those of one endpoint. */
  requestCount(filter?: Endpoint): number
  /** Clears recorded requests, fault counters, request ids and the latency generators. */
  reset(): void
  /** Replaces the `replies` option. */
  setReplies(replies: Replies | undefined): void
  /** Changes options (except `port`); giving `faults` restarts fault counting, `seed`/`latency`/`ttft` re-seed. */
  setOptions(options: Partial<Omit<ModelServerOptions, 'port'>>): void
  /** Closes the server, destroying open (including hung) connections. Idempotent. */
  stop(): Promise<void>
}
