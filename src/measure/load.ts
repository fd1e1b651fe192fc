import { getMeasurement } from './wrap-openai.js'
import { endpointTiming, type CallError } from './types.js'
import { classifyError } from './errors.js'

/** How to drive a function under load. */
export interface LoadOptions {
  /** Measured invocations. Default 20. */
  samples?: number
  /** Invocations in flight at once. Default 1. */
  concurrency?: number
  /** Invocations before measuring starts (not counted). Default 0. */
  warmup?: number
}

export interface LoadSample {
  totalMs: number
  ttftMs: number | null
  tokensPerSecond: number | null
  error?: CallError
}

export interface LoadResult {
  samples: LoadSample[]
  wallMs: number
  concurrency: number
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value !== null && typeof value === 'object' && Symbol.asyncIterator in value
}

async function invokeOnce(fn: () => unknown): Promise<LoadSample> {
  const t0 = performance.now()
  let result: unknown
  try {
    result = await fn()
    // A stream must be consumed for its total time and tokens to exist.
    if (isAsyncIterable(result)) for await (const _ of result) void _
    const elapsed = performance.now() - t0
    const m = getMeasurement(result)
    if (m) {
      // A cache hit stands for the recorded timing of the original call, never for replay time.
      const t = endpointTiming(m) ?? { totalMs: m.totalMs, ttftMs: m.ttftMs }
      return m.ok
        ? { totalMs: t.totalMs, ttftMs: t.ttftMs, tokensPerSecond: m.cached ? null : m.tokensPerSecond }
        : { totalMs: m.totalMs, ttftMs: m.ttftMs, tokensPerSecond: null, error: m.error ?? { kind: 'other', message: 'call failed' } }
    }
    return { totalMs: Math.round(elapsed * 100) / 100, ttftMs: null, tokensPerSecond: null }
  } catch (error) {
    // A stream that failed while being read (cut short, no choices) has its kind in the measurement.
    const measured = getMeasurement(result)?.error ?? getMeasurement(error)?.error
    return { totalMs: Math.round((performance.now() - t0) * 100) / 100, ttftMs: null, tokensPerSecond: null, error: measured ?? classifyError(error) }
  }
}

/**
 * Calls `fn` `samples` times with at most `concurrency` calls in flight, after `warmup` unmeasured calls.
 * Never throws for a failing call: failures are returned as samples with an `error`.
 * When `fn` returns a result of a `wrapOpenAI` client, its measurement (TTFT, tokens/s) is used.
 */
export async function runLoad(fn: () => unknown, options: LoadOptions = {}): Promise<LoadResult> {
  const samples = options.samples ?? 20
  const concurrency = Math.min(options.concurrency ?? 1, samples)
  const warmup = options.warmup ?? 0
  for (let i = 0; i < warmup; i += concurrency) {
    await Promise.all(Array.from({ length: Math.min(concurrency, warmup - i) }, () => invokeOnce(fn)))
  }
  const results: LoadSample[] = new Array(samples)
  let next = 0
  const t0 = performance.now()
  const worker = async () => {
    while (next < samples) {
      const index = next++
      results[index] = await invokeOnce(fn)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { samples: results, wallMs: Math.round((performance.now() - t0) * 100) / 100, concurrency }
}

/** Validates load options; returns what is wrong or undefined. */
export function loadOptionsProblem(o: LoadOptions): string | undefined {
  const checks: Array<[keyof LoadOptions, number]> = [['samples', 1], ['concurrency', 1], ['warmup', 0]]
  for (const [key, min] of checks) {
    const v = o[key]
    if (v !== undefined && !(Number.isInteger(v) && v >= min)) return `${key} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`
  }
  return undefined
}
