import { getMeasurement, streamArrival } from './wrap-openai.js'
import { endpointTiming, type CallError } from './types.js'
import { classifyError } from './errors.js'
import { startLoopDelay } from './loop-delay.js'
import { detectSaturation, type ClientSaturation, type LoopDelay } from './saturation.js'
import { nearestRank } from '../stats/percentile.js'
import { round2 } from '../util/round.js'

export type { ClientSaturation, LoopDelay } from './saturation.js'

/** How to drive a function under load. */
export interface LoadOptions {
  /** Measured invocations. Default 20. */
  samples?: number
  /** Invocations in flight at once. Default 1. */
  concurrency?: number
  /** Invocations before measuring starts (not counted). Default 0. */
  warmup?: number
  /**
   * What a saturated client (see {@link LoadResult.clientSaturation}) does to an assertion on the run:
   * `'warn'` (default) says so in the message, the meta and on stderr; `'fail'` fails the assertion.
   * `runLoad` itself only detects it.
   */
  clientSaturation?: 'warn' | 'fail'
}

export interface LoadSample {
  totalMs: number
  /** Time to the arrival of the first content chunk (streams of a wrapped client). */
  ttftMs: number | null
  /**
   * (completion tokens − 1) / (last − first content chunk's arrival), for streams of a wrapped client;
   * null when that window is under 50 ms (`MIN_DECODE_MS`) or the call was a cache hit.
   */
  tokensPerSecond: number | null
  /** Streams: first-to-last content chunk arrival (ms), the window tokens/s is computed from. */
  decodeMs?: number | null
  /** Streams: the most the consumer (SDK parser, your code) lagged behind the bytes' arrival (ms). */
  readLagMs?: number | null
  error?: CallError
}

export interface LoadResult {
  samples: LoadSample[]
  wallMs: number
  concurrency: number
  /** This thread's event-loop delay during the measured calls (ms beyond the 10 ms sampling interval); null if unmeasured. */
  eventLoopDelay: LoopDelay | null
  /** Set when the client itself was the bottleneck (event-loop delay p99 over the threshold): its timings are inflated. */
  clientSaturation: ClientSaturation | null
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
      const arrival = m.stream && !m.cached ? streamArrival(m) : undefined
      const streamed = arrival ? { decodeMs: arrival.decodeMs, readLagMs: arrival.readLagMs } : {}
      return m.ok
        ? { totalMs: t.totalMs, ttftMs: t.ttftMs, tokensPerSecond: m.cached ? null : m.tokensPerSecond, ...streamed }
        : { totalMs: m.totalMs, ttftMs: m.ttftMs, tokensPerSecond: null, ...streamed, error: m.error ?? { kind: 'other', message: 'call failed' } }
    }
    return { totalMs: round2(elapsed), ttftMs: null, tokensPerSecond: null }
  } catch (error) {
    // A stream that failed while being read (cut short, no choices) has its kind in the measurement.
    const measured = getMeasurement(result)?.error ?? getMeasurement(error)?.error
    return { totalMs: round2(performance.now() - t0), ttftMs: null, tokensPerSecond: null, error: measured ?? classifyError(error) }
  }
}

/**
 * Calls `fn` `samples` times with at most `concurrency` calls in flight, after `warmup` unmeasured calls.
 * Never throws for a failing call: failures are returned as samples with an `error`.
 * When `fn` returns a result of a `wrapOpenAI` client, its measurement (TTFT, tokens/s) is used.
 * The event-loop delay is measured during the measured calls; `clientSaturation` is set when it says the
 * client, not the endpoint, set the timings (see `SATURATION_RULE`).
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
  const loop = await startLoopDelay()
  const t0 = performance.now()
  const worker = async () => {
    while (next < samples) {
      const index = next++
      results[index] = await invokeOnce(fn)
    }
  }
  let eventLoopDelay: LoopDelay | null
  try {
    await Promise.all(Array.from({ length: concurrency }, worker))
  } finally {
    eventLoopDelay = loop.stop()
  }
  const wallMs = round2(performance.now() - t0)
  return { samples: results, wallMs, concurrency, eventLoopDelay, clientSaturation: detectSaturation(eventLoopDelay, referenceP50(results)) }
}

/** The p50 the saturation threshold is relative to: TTFT of the successful calls, else their total latency. */
function referenceP50(samples: readonly LoadSample[]): number | null {
  const ok = samples.filter((s) => !s.error)
  const ttft = ok.map((s) => s.ttftMs).filter((v): v is number => v !== null)
  const values = (ttft.length ? ttft : ok.map((s) => s.totalMs)).sort((a, b) => a - b)
  return values.length ? nearestRank(values, 50) : null
}

/** Validates load options; returns what is wrong or undefined. */
export function loadOptionsProblem(o: LoadOptions): string | undefined {
  const checks: Array<['samples' | 'concurrency' | 'warmup', number]> = [['samples', 1], ['concurrency', 1], ['warmup', 0]]
  for (const [key, min] of checks) {
    const v = o[key]
    if (v !== undefined && !(Number.isInteger(v) && v >= min)) return `${key} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`
  }
  const s = o.clientSaturation
  if (s !== undefined && s !== 'warn' && s !== 'fail') return `clientSaturation must be "warn" or "fail", got ${JSON.stringify(s)}`
  return undefined
}
