/**
 * Compact task meta: a test with many calls (a 200-sample load test) keeps a readable summary and one packed
 * line instead of hundreds of call objects, so @vitest/ui's Test Meta stays short. The reporter unpacks the
 * line (`readMeta`), so the gate, the report and the run summary see every call as before.
 */
import type { CallMeasurement } from '../measure/types.js'
import { summarize } from '../stats/percentile.js'

/** Tests with more calls than this keep them packed. */
export const CALLS_KEPT = 20

/** What `task.meta.evalgate.callLog` holds instead of `calls` when a test made many calls. */
export interface PackedCalls {
  /** Format of `rows` (the field order below). */
  format: 'evalgate-calls-v1'
  /** Readable summary: counts, live-call latency and TTFT percentiles (ms), tokens. */
  summary: {
    calls: number
    live: number
    cached: number
    failed: number
    retries: number
    latencyMs: { p50: number; p95: number; max: number } | null
    ttftMs: { p50: number; p95: number; max: number } | null
    tokens: number
  }
  /** One JSON line: an array per call, fields in {@link FIELDS} order. */
  rows: string
}

const FIELDS = [
  'kind', 'model', 'stream', 'startedAt', 'totalMs', 'ttftMs', 'promptTokens', 'completionTokens', 'totalTokens',
  'tokensPerSecond', 'attempts', 'ok', 'error', 'failures', 'outputHash', 'cached', 'cache', 'recorded',
] as const satisfies ReadonlyArray<keyof CallMeasurement>

const short = (d: { p50: number; p95: number; max: number }) => ({ p50: Math.round(d.p50), p95: Math.round(d.p95), max: Math.round(d.max) })

/** Packs `calls` (a copy is kept exact: every field of every call, in order). */
export function packCalls(calls: readonly CallMeasurement[]): PackedCalls {
  const live = calls.filter((c) => c.ok && !c.cached)
  const latencies = live.map((c) => c.totalMs).filter(Number.isFinite)
  const ttfts = live.map((c) => c.ttftMs).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  return {
    format: 'evalgate-calls-v1',
    summary: {
      calls: calls.length,
      live: live.length,
      cached: calls.filter((c) => c.cached).length,
      failed: calls.filter((c) => !c.ok).length,
      retries: calls.reduce((s, c) => s + Math.max(0, c.attempts - 1), 0),
      latencyMs: latencies.length ? short(summarize(latencies)) : null,
      ttftMs: ttfts.length ? short(summarize(ttfts)) : null,
      tokens: calls.reduce((s, c) => s + (c.promptTokens ?? 0) + (c.completionTokens ?? 0), 0),
    },
    rows: JSON.stringify(calls.map((c) => FIELDS.map((f) => (c[f] === undefined ? null : c[f])))),
  }
}

/** The calls of a {@link PackedCalls}, as they were measured (absent optional fields stay absent). */
export function unpackCalls(packed: PackedCalls): CallMeasurement[] {
  const rows = JSON.parse(packed.rows) as unknown[][]
  return rows.map((row) => {
    const call: Record<string, unknown> = {}
    FIELDS.forEach((f, i) => {
      const v = row[i]
      if (v !== null || ['model', 'ttftMs', 'promptTokens', 'completionTokens', 'totalTokens', 'tokensPerSecond'].includes(f)) call[f] = v ?? null
    })
    return call as unknown as CallMeasurement
  })
}

/** Replaces a long `calls` list by `callLog` (in place). Returns true when it packed. */
export function compactCalls(meta: { calls: CallMeasurement[]; callLog?: PackedCalls }): boolean {
  if (meta.calls.length <= CALLS_KEPT) return false
  meta.callLog = packCalls(meta.calls)
  meta.calls = []
  return true
}

