import { checkLatency, formatDistribution, limitsProblem, type LatencyCheck, type LatencyLimits } from './latency-limits.js'
import { loadOptionsProblem, runLoad, type LoadOptions, type LoadResult } from '../measure/load.js'
import { getMeasurement, MIN_DECODE_MS } from '../measure/wrap-openai.js'
import { endpointTiming, type CallMeasurement } from '../measure/types.js'
import { summarize } from '../stats/percentile.js'
import { hint, MatcherFaultError, MatcherUsageError, recordMatcher, type MatcherContext, type MatcherResult } from './context.js'

/** Limits plus, when the received value is a function, how to drive it (load mode). */
export type LatencyExpectation = LatencyLimits & LoadOptions

const NAME = 'toStayUnderLatency'
const LOAD_KEYS = ['samples', 'concurrency', 'warmup', 'clientSaturation']

interface Samples {
  values: number[]
  source: string
  failed: number
  missing: number
  /** Failed calls by kind. */
  kinds?: Map<string, number>
}

function kindsOf(errors: ReadonlyArray<{ kind: string } | undefined>): Map<string, number> {
  const kinds = new Map<string, number>()
  for (const e of errors) if (e) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1)
  return kinds
}

function asMeasurement(value: unknown): CallMeasurement | undefined {
  const attached = getMeasurement(value)
  if (attached) return attached
  const v = value as Partial<CallMeasurement> | null
  if (v && typeof v === 'object' && typeof v.totalMs === 'number' && typeof v.kind === 'string') return v as CallMeasurement
  return undefined
}

function fromMeasurements(list: CallMeasurement[], metric: 'total' | 'ttft', source: string): Samples {
  const ok = list.filter((m) => m.ok)
  // Cache hits are judged on the recorded timing of the original call, never on replay time.
  const timings = ok.map(endpointTiming)
  const values = timings.map((t) => (metric === 'ttft' ? t?.ttftMs : t?.totalMs)).filter((v): v is number => typeof v === 'number')
  const kinds = kindsOf(list.filter((m) => !m.ok).map((m) => m.error ?? { kind: 'other' }))
  return { values, source, failed: list.length - ok.length, missing: ok.length - values.length, kinds }
}

function collect(received: unknown, metric: 'total' | 'ttft'): Samples {
  if (Array.isArray(received)) {
    if (received.every((v) => typeof v === 'number')) {
      const bad = received.findIndex((v) => !Number.isFinite(v) || v < 0)
      if (bad !== -1) throw new MatcherUsageError(`${NAME}: received[${bad}] is ${received[bad]}, not a latency in ms`)
      if (metric === 'ttft') throw new MatcherUsageError(`${NAME}: metric "ttft" needs measured calls, not plain numbers`)
      return { values: received as number[], source: 'samples', failed: 0, missing: 0 }
    }
    const measurements = received.map((v, i) => {
      const m = asMeasurement(v)
      if (!m) throw new MatcherUsageError(`${NAME}: received[${i}] is neither a number nor a call measured by wrapOpenAI()`)
      return m
    })
    return fromMeasurements(measurements, metric, 'measured calls')
  }
  const m = asMeasurement(received)
  if (m) return fromMeasurements([m], metric, 'measured call')
  throw new MatcherUsageError(
    `${NAME}: received must be a number[] of ms, a result of a wrapOpenAI() client, an array of them, or an async function (load mode); got ${describe(received)}`,
  )
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an empty or mixed array'
  return typeof value === 'object' ? 'an object without an evalgate measurement' : typeof value
}

function messageFor(ctx: MatcherContext, check: LatencyCheck, extra: string[]): string {
  const label = check.metric === 'ttft' ? 'time to first token' : 'total latency'
  const lines = [hint(ctx, NAME, 'limits'), '']
  for (const c of check.compared) {
    const ok = c.value <= c.limit
    lines.push(`  ${c.stat} ${label}: expected ${ctx.isNot ? '>' : '≤'} ${c.limit} ms, received ${c.value} ms${ok ? '' : '  ✗ over'}`)
  }
  lines.push('', `  distribution: ${formatDistribution(check.distribution)}`, ...extra.map((e) => `  ${e}`))
  return lines.join('\n')
}

function loadLines(load: LoadResult): string[] {
  const s = load.samples
  const ttft = s.filter((x) => !x.error && x.ttftMs !== null).map((x) => x.ttftMs as number)
  const tps = s.filter((x) => !x.error && x.tokensPerSecond !== null).map((x) => x.tokensPerSecond as number)
  const errors = s.filter((x) => x.error)
  const lines = [`load: ${s.length} samples at concurrency ${load.concurrency} in ${Math.round(load.wallMs)} ms`]
  if (ttft.length) lines.push(`ttft: ${formatDistribution(summarize(ttft))}`)
  // Streams whose first-to-last token window is under the floor have no rate (never an absurd one).
  const unrated = s.filter((x) => !x.error && x.tokensPerSecond === null && typeof x.decodeMs === 'number').length
  const floorNote = unrated ? ` (${unrated} stream(s) under the ${MIN_DECODE_MS} ms decode window: not rated)` : ''
  if (tps.length) lines.push(`tokens/s: ${formatDistribution(summarize(tps), 'tok/s')}${floorNote}`)
  else if (unrated) lines.push(`tokens/s: none rated${floorNote}`)
  const loop = load.eventLoopDelay
  if (loop) lines.push(`client event loop: delay p50=${loop.p50Ms} p99=${loop.p99Ms} max=${loop.maxMs} ms`)
  if (load.clientSaturation) lines.push(`⚠ ${load.clientSaturation.message}`)
  if (errors.length) {
    const kinds = new Map<string, number>()
    for (const e of errors) kinds.set(e.error!.kind, (kinds.get(e.error!.kind) ?? 0) + 1)
    lines.push(`failed calls: ${errors.length} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}) — not counted in the distribution`)
  }
  return lines
}

function judge(ctx: MatcherContext, samples: Samples, limits: LatencyLimits, extra: string[], details: Record<string, unknown>): MatcherResult {
  const kinds = samples.kinds?.size ? ` (${[...samples.kinds].map(([k, n]) => `${k} ${n}`).join(', ')})` : ''
  if (samples.values.length === 0) {
    // Nothing to judge is an error, never a pass: not even under `.not`.
    const why = samples.failed ? `all ${samples.failed} call(s) failed${kinds}` : samples.missing ? 'no call has a time to first token (not streamed?)' : 'no samples'
    recordMatcher(ctx, { matcher: NAME, pass: false, details: { ...details, reason: why, fault: why } })
    throw new MatcherFaultError(`${hint(ctx, NAME, 'limits')}\n\n  no latency to judge: ${why}`)
  }
  const total = samples.values.length + samples.missing + samples.failed
  const maxRate = limits.maxFailureRate ?? 0
  if (samples.failed / total > maxRate) {
    const why = `${samples.failed} of ${total} call(s) failed${kinds}: failure rate ${round4(samples.failed / total)}, expected ≤ ${maxRate} (maxFailureRate)`
    recordMatcher(ctx, { matcher: NAME, pass: false, details: { ...details, reason: why, fault: why } })
    throw new MatcherFaultError(`${hint(ctx, NAME, 'limits')}\n\n  ${why}\n  ${extra.join('\n  ')}`.trimEnd())
  }
  const check = checkLatency(samples.values, limits)
  const notes = [...extra]
  if (samples.failed && !extra.some((e) => e.startsWith('failed'))) notes.push(`failed calls: ${samples.failed} — not counted in the distribution`)
  recordMatcher(ctx, { matcher: NAME, pass: check.pass, details: { ...details, metric: check.metric, distribution: check.distribution, limits: check.compared } })
  return { pass: check.pass, message: () => messageFor(ctx, check, notes) }
}

function round4(n: number): number {
  return Math.round(n * 10000) / 10000
}

/**
 * `expect(received).toStayUnderLatency({ p50?, p95?, p99?, max?, metric? })` — percentiles are
 * nearest-rank. Received: number[] (ms), a measured call, an array of them, or (load mode, await it) an
 * async function driven `samples` times at `concurrency` after `warmup` calls.
 */
export function toStayUnderLatency(this: MatcherContext, received: unknown, expectation: LatencyExpectation): MatcherResult | Promise<MatcherResult> {
  const isLoad = typeof received === 'function'
  const problem = limitsProblem(expectation, isLoad ? LOAD_KEYS : [])
  if (problem) throw new MatcherUsageError(`${NAME}: ${problem}${!isLoad && LOAD_KEYS.some((k) => k in (expectation ?? {})) ? ' (samples/concurrency/warmup/clientSaturation apply only when received is a function)' : ''}`)
  const metric = expectation.metric ?? 'total'
  if (!isLoad) return judge(this, collect(received, metric), expectation, [], { mode: 'samples' })

  const loadProblem = loadOptionsProblem(expectation)
  if (loadProblem) throw new MatcherUsageError(`${NAME}: ${loadProblem}`)
  return runLoad(received as () => unknown, expectation).then((load) => {
    const saturation = load.clientSaturation
    const loadDetails = {
      ...(load.eventLoopDelay ? { eventLoopDelay: load.eventLoopDelay } : {}),
      ...(saturation ? { clientSaturation: saturation } : {}),
    }
    if (saturation && expectation.clientSaturation === 'fail') {
      // Asked for: a saturated client's timings are not the endpoint's, so there is nothing honest to judge.
      const why = saturation.message
      recordMatcher(this, { matcher: NAME, pass: false, details: { mode: 'load', concurrency: load.concurrency, ...loadDetails, reason: why, fault: 'clientSaturation' } })
      throw new MatcherFaultError(`${hint(this, NAME, 'limits')}\n\n  ${why} (clientSaturation: 'fail')\n  ${loadLines(load).join('\n  ')}`)
    }
    if (saturation) console.warn(`evalgate: ${this.currentTestName ?? 'load run'}: ${saturation.message}`)
    const ok = load.samples.filter((s) => !s.error)
    const values = ok.map((s) => (metric === 'ttft' ? s.ttftMs : s.totalMs)).filter((v): v is number => v !== null)
    const samples: Samples = {
      values,
      source: 'load',
      failed: load.samples.length - ok.length,
      missing: ok.length - values.length,
      kinds: kindsOf(load.samples.map((s) => s.error)),
    }
    const ttft = ok.map((s) => s.ttftMs).filter((v): v is number => v !== null)
    const tps = ok.map((s) => s.tokensPerSecond).filter((v): v is number => v !== null)
    return judge(this, samples, expectation, loadLines(load), {
      mode: 'load',
      concurrency: load.concurrency,
      wallMs: load.wallMs,
      failed: samples.failed,
      ...(ttft.length ? { ttft: summarize(ttft) } : {}),
      ...(tps.length ? { tokensPerSecond: summarize(tps) } : {}),
      ...loadDetails,
    })
  })
}
