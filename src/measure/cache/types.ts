import type { CallKind } from '../types.js'

/**
 * How the record/replay cache treats measured calls:
 * - `read-write`: a recorded request is replayed, any other is sent and its 2xx answer recorded;
 * - `replay`: a recorded request is replayed, any other fails without touching the network (offline CI);
 * - `record`: every request is sent and its 2xx answer (re)recorded;
 * - `off`: no cache.
 */
export type CacheMode = 'read-write' | 'replay' | 'record' | 'off'

/** Every cache mode, in the order the docs list them. */
export const CACHE_MODES: readonly CacheMode[] = ['read-write', 'replay', 'record', 'off']

/** Part of every key and every entry: a new format invalidates old entries cleanly. */
export const CACHE_FORMAT = 'evalgate-cache-v1'

/** What a cache key is made of: the request as the caller made it, never headers or credentials. */
export interface CacheRequest {
  /** Host (with port, or `cache.endpointAlias`) and path, e.g. `api.openai.com/v1/chat/completions`. */
  endpoint: string
  /** The JSON body the caller's SDK call produced (before evalgate's own additions). */
  body: unknown
  /** Vitest `repeats` index of the test, when > 0: each trial has its own recording. */
  trial?: number
  /** The n-th identical request within one test and trial, when > 0 (votes, load samples, retries). */
  occurrence?: number
}

/** The recorded answer: status, content type and body (JSON, SSE lines or text). */
export interface CachedResponse {
  status: number
  contentType: string
  /** Parsed JSON body (JSON content types). */
  json?: unknown
  /** Server-sent event stream, split on `\n` (joined back byte for byte). */
  sse?: string[]
  /** Any other body. */
  text?: string
}

/** Timing of the original live call, kept apart from replay timing. */
export interface RecordedTiming {
  /** Wall time of the original call (retries included), in ms. */
  totalMs: number
  /** Time to first token of the original streamed call, in ms; null when not streamed. */
  ttftMs: number | null
}

/** One cache file: `<dir>/<key[0..2]>/<key>.json`, stable pretty JSON. */
export interface CacheEntry {
  format: typeof CACHE_FORMAT
  key: string
  kind: CallKind
  request: CacheRequest
  response: CachedResponse
  recorded: RecordedTiming & { at: string }
}

/** The `cache` plugin option after defaults: what workers receive. */
export interface ResolvedCacheOptions {
  /** True when the project configured `cache`; without it evalgate never caches (EVALGATE_CACHE included). */
  enabled: boolean
  mode: CacheMode
  /** Cache folder, relative to the project root (or absolute). */
  dir: string
  /** Stands for host and port of every endpoint in cache keys (see `cache.endpointAlias`). */
  endpointAlias?: string
}
