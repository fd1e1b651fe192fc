/**
 * `evalgate/testing`: a local OpenAI-compatible model server for tests, examples and benchmarks.
 *
 * - Replies: scripted by rules (`match` string = last user message includes, RegExp, or predicate) or
 *   one function; default `echo: <last user message>`.
 * - Tokens: a token is a run of letters/digits or one other non-space character (see {@link countTokens}).
 * - Embeddings: signed hashed bag of words, L2-normalised, 256 dimensions unless asked (see {@link embed}).
 * - Latency, ttft and pacing are seeded (default seed 42); faults: rate_limit, server_error, hang,
 *   truncate, invalid_json.
 * - Nondeterministic model: `replies: noisyReplies({ p, seed, right, wrong })` answers right with probability p.
 */
export { startModelServer } from './server.js'
export { noisyReplies } from './noisy.js'
export type { NoisyRepliesOptions } from './noisy.js'
export { countTokens } from './tokens.js'
export { embed, cosineSimilarity } from './embeddings.js'
export type {
  ChatContentPart,
  ChatMessage,
  ChatRequest,
  ChatToolCall,
  ChatToolDefinition,
  Endpoint,
  FaultKind,
  FaultSpec,
  FinishReason,
  LatencySpec,
  ModelServer,
  ModelServerOptions,
  RecordedRequest,
  Replies,
  ReplyContext,
  ReplyFunction,
  ReplyObject,
  ReplyRule,
  ReplySpec,
  RequestMatcher,
  ToolCallSpec,
} from './types.js'
