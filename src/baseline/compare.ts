import { judgeTrials } from '../stats/trials.js'
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
  /** Level of the exact trial test for noisy critical cases. Default 0.05. */
  alpha?: number
}

/** A record's trial scores of a metric: `trials[metric]`, else the one mean score. */
export function recordTrials(record: CaseRecord, metric: string): number[] | undefined {
  const t = record.trials?.[metric]
  if (t && t.length > 0) return [...t]
  const s = record.scores[metric]
  return s === undefined ? undefined : [s]
}

/**
 * Metrics of a case whose trials disagree (in the baseline or now): the per-case rule leaves them to the
 * suite gate (unless the case is critical). Sorted.
 */
export function noisyMetrics(baseline: CaseRecord, current: CaseRecord): string[] {
  return Object.keys(baseline.scores)
    .filter((m) => m in current.scores)
    .filter((m) => judgeTrials(recordTrials(baseline, m)!, recordTrials(current, m)!, { critical: false, limit: 0, alpha: 0.05 }).rule === 'noisy')
    .sort()
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
 * Everything about `current` that is worse than `baseline` under the per-case rule: for a deterministic
 * metric (all trials agree, in the baseline and now) a score below its baseline by more than the tolerance
 * (rule `exact`); a noisy metric (trials disagree) is not a per-case regression (the suite gate judges it),
 * except in a critical case, where an exact one-sided permutation test on its trials (Fisher's exact test
 * for 0/1 scores) at level `alpha` decides (rule `trial-test`); a metric that disappeared, or (when a ratio is configured) latency, TTFT, tokens or cost
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
    } else {
      const judged = judgeTrials(recordTrials(baseline, metric)!, recordTrials(current, metric)!, { critical: o.critical === true, limit, alpha: o.alpha ?? 0.05 })
      if (judged.rule === 'exact' ? now < before - limit - EPSILON : judged.regressed) {
        out.push({ metric, baseline: before, current: now, delta: now - before, kind: 'score', limit, rule: judged.rule === 'trial-test' ? 'trial-test' : 'exact', ...(judged.pValue !== undefined ? { pValue: judged.pValue } : {}) })
      }
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
    const head = `${r.metric}: ${num(r.baseline, r.metric)} → ${num(r.current, r.metric)} (Δ ${sign}${Math.abs(r.delta).toFixed(2)}`
    if (r.rule === 'trial-test') return `${head}, critical case, exact trial test p ${(r.pValue ?? 1).toPrecision(2)})`
    return `${head}, exact rule, tolerance ${r.limit})`
  })
}
