/**
 * Mutable state of one model server, shared by its route handlers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { FaultInjector } from './faults.js'
import { createSamplers, type LatencySamplers } from './latency.js'
import type { ModelServerOptions, RecordedRequest } from './types.js'

/** Default seed of the latency generators. */
export const DEFAULT_SEED = 42

/** Default model listed by `GET /v1/models`. */
export const DEFAULT_MODEL = 'evalgate-mock'

/** Everything that changes while a server runs. */
export interface ServerState {
  options: ModelServerOptions
  samplers: LatencySamplers
  faults: FaultInjector
  requests: RecordedRequest[]
  /** Requests numbered so far (for ids). */
  seq: number
  /** Chat requests answered so far (the `callIndex` of reply functions). */
  chatCalls: number
  /** Models seen in requests, in order of first appearance. */
  seenModels: Set<string>
}

/** What a route handler gets for one request. */
export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  body: unknown
  seq: number
  /** Headers to send with any answer (`x-request-id`). */
  headers: Record<string, string>
  /** Aborts when the client goes away or the server stops. */
  signal: AbortSignal
  state: ServerState
}

/** Fresh state for `options`. */
export function createState(options: ModelServerOptions): ServerState {
  return {
    options: { ...options },
    samplers: createSamplers(options.latency, options.ttft, options.seed ?? DEFAULT_SEED),
    faults: new FaultInjector(options.faults ?? []),
    requests: [],
    seq: 0,
    chatCalls: 0,
    seenModels: new Set(),
  }
}

/** Clears requests, counters and generators, keeping the options. */
export function resetState(state: ServerState): void {
  const fresh = createState(state.options)
  state.requests.length = 0
  state.seq = 0
  state.chatCalls = 0
  state.seenModels.clear()
  state.faults = fresh.faults
  state.samplers = fresh.samplers
}

/** Merges `patch` into the options, rebuilding what depends on the changed keys. */
export function updateOptions(state: ServerState, patch: Partial<ModelServerOptions>): void {
  const { port: _port, ...rest } = patch
  state.options = { ...state.options, ...rest }
  if ('faults' in patch) state.faults = new FaultInjector(state.options.faults ?? [])
  if ('latency' in patch || 'ttft' in patch || 'seed' in patch) {
    state.samplers = createSamplers(state.options.latency, state.options.ttft, state.options.seed ?? DEFAULT_SEED)
  }
}
