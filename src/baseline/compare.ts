import type { CaseRecord, Regression } from './types.js'

export interface CompareOptions {
  /** Allowed score drop, for every metric or per metric name. Default 0 (deterministic scores). */
  tolerance?: number | Record<string, number>
  /** Critical cases get zero tolerance whatever `tolerance` says. */
  critical?: boolean
  /** Fail when latency grows by more than this factor (e.g. 1.5). Off when unset. */
  latencyRatio?: number
  /** Same for time to first token. */
  ttftRatio?: number
  /** Same for tokens. */
  tokensRatio?: number
  /** Same for cost. */
  costRatio?: number
  /** Metrics already compared elsewhere (by `toMatchBaseline`): skipped here. */
  skip?: ReadonlySet<string>
}

const EPSILON = 1e-9

function toleranceFor(metric: string, o: CompareOptions): number {
  if (o.critical) return 0
  if (typeof o.tolerance === 'number') return o.tolerance
  return o.tolerance?.[metric] ?? o.tolerance?.['*'] ?? 0
}

const RATIOS = [
  ['latencyMs', 'latencyRatio'],
  ['ttftMs', 'ttftRatio'],
  ['tokens', 'tokensRatio'],
  ['costUsd', 'costRatio'],
] as const

/**
 * Everything about `current` that is worse than `baseline`: a score below its baseline by more than the
 * tolerance, a metric that disappeared, or (when a ratio is configured) latency, TTFT, tokens or cost
 * grown by more than that factor. Sorted by metric name for stable messages.
 */
export function compareCase(baseline: CaseRecord, current: CaseRecord, o: CompareOptions = {}): Regression[] {
  const out: Regression[] = []
  for (const metric of Object.keys(baseline.scores).sort()) {
    if (o.skip?.has(metric)) continue
    const before = baseline.scores[metric]!
    const now = Object.hasOwn(current.scores, metric) ? current.scores[metric] : undefined
    const limit = toleranceFor(metric, o)
    if (now === undefined) {
      out.push({ metric, baseline: before, current: Number.NaN, delta: Number.NaN, kind: 'missing', limit })
    } else if (now < before - limit - EPSILON) {
      out.push({ metric, baseline: before, current: now, delta: now - before, kind: 'score', limit })
    }
  }
  for (const [field, option] of RATIOS) {
    const ratio = o[option]
    const before = baseline[field]
    const now = current[field]
    if (ratio === undefined || before === null || now === null || before <= 0) continue
    if (now / before > ratio + EPSILON) out.push({ metric: field, baseline: before, current: now, delta: now / before, kind: 'ratio', limit: ratio })
  }
  return out
}

function num(x: number, metric: string): string {
  if (metric === 'costUsd') return `$${x.toFixed(6)}`
  if (metric === 'latencyMs' || metric === 'ttftMs') return `${Math.round(x)} ms`
  if (metric === 'tokens') return `${Math.round(x)}`
  return x.toFixed(2)
}

/** One line per regression: `toMatchSchema: 1.00 → 0.60 (Δ −0.40, tolerance 0)`. */
export function formatRegressions(regressions: readonly Regression[]): string[] {
  return regressions.map((r) => {
    if (r.kind === 'missing') return `${r.metric}: ${num(r.baseline, r.metric)} in the baseline, not measured now`
    if (r.kind === 'ratio') return `${r.metric}: ${num(r.baseline, r.metric)} → ${num(r.current, r.metric)} (×${r.delta.toFixed(2)}, limit ×${r.limit})`
    const sign = r.delta < 0 ? '−' : '+'
    return `${r.metric}: ${num(r.baseline, r.metric)} → ${num(r.current, r.metric)} (Δ ${sign}${Math.abs(r.delta).toFixed(2)}, tolerance ${r.limit})`
  })
}
