/**
 * Reads a `runLoad` LoadResult loosely: today's fields (samples with ttftMs, tokensPerSecond, error) and
 * any later ones when present (an event-loop delay, a client-saturation warning: any key matching
 * /event.?loop/i or /saturat/i at the top level, under `meta`, or in a `warnings` list; a sample error whose
 * kind matches /saturat/i is the saturation verdict, not a fault). Pure, so it is unit-tested alone.
 */
import { median } from './timing.js'

/** A LoadResult as JSON, typed only as far as today's fields. */
export type LooseLoadResult = {
  samples?: Array<{ ttftMs?: number | null; tokensPerSecond?: number | null; error?: { kind?: string; message?: string } | null }>
} & Record<string, unknown>

export interface LoadReading {
  samples: number
  ttftP50Ms: number
  tokensPerSecondP50: number
  /** Calls that failed for another reason than client saturation. */
  errors: number
  saturation?: string
  eventLoopDelay?: string
}

/** A field's value as short text (undefined for absent / null / false). */
export function describeValue(v: unknown): string | undefined {
  if (v === undefined || v === null || v === false) return undefined
  if (typeof v === 'string') return v
  if (v === true) return 'yes'
  if (typeof v === 'number') return String(Math.round(v * 100) / 100)
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    const n = (x: unknown) => Math.round(Number(x) * 100) / 100
    // runLoad's clientSaturation and eventLoopDelay, in a few words for a table cell.
    if (typeof o.loopDelayP99Ms === 'number' && typeof o.thresholdMs === 'number') return `clientSaturation: event-loop delay p99 ${n(o.loopDelayP99Ms)} ms > ${n(o.thresholdMs)} ms`
    if (typeof o.p99Ms === 'number' && typeof o.maxMs === 'number') return `p50 ${n(o.p50Ms)} · p99 ${n(o.p99Ms)} · max ${n(o.maxMs)} ms`
    if (typeof o.message === 'string') return o.message
    return JSON.stringify(v, (_, x: unknown) => (typeof x === 'number' ? Math.round(x * 100) / 100 : x))
  }
  return String(v)
}

/** The first field whose key matches `pattern` (top level, then `meta`), else a matching `warnings` entry. */
export function findField(r: LooseLoadResult, pattern: RegExp): string | undefined {
  for (const place of [r, r.meta]) {
    if (!place || typeof place !== 'object' || Array.isArray(place)) continue
    for (const [key, value] of Object.entries(place as Record<string, unknown>)) {
      if (pattern.test(key)) {
        const text = describeValue(value)
        if (text !== undefined) return text
      }
    }
  }
  if (Array.isArray(r.warnings)) return r.warnings.map(describeValue).find((w) => w !== undefined && pattern.test(w))
  return undefined
}

/** p50s, fault count and the optional fields of one LoadResult. */
export function readLoadResult(r: LooseLoadResult): LoadReading {
  const list = r.samples ?? []
  const saturated = list.find((s) => s.error && /saturat/i.test(s.error.kind ?? ''))
  const ttft = list.map((s) => s.ttftMs).filter((v): v is number => typeof v === 'number')
  const tps = list.map((s) => s.tokensPerSecond).filter((v): v is number => typeof v === 'number')
  const saturation = findField(r, /saturat/i) ?? (saturated ? describeValue(saturated.error) ?? 'clientSaturation' : undefined)
  const eventLoopDelay = findField(r, /event.?loop/i)
  return {
    samples: list.length,
    ttftP50Ms: ttft.length ? median(ttft) : Number.NaN,
    tokensPerSecondP50: tps.length ? median(tps) : Number.NaN,
    errors: list.filter((s) => s.error && !/saturat/i.test(s.error.kind ?? '')).length,
    ...(saturation !== undefined ? { saturation } : {}),
    ...(eventLoopDelay !== undefined ? { eventLoopDelay } : {}),
  }
}
