/**
 * Paired head-to-head of a candidate against the reference over the same cases (pure), with the gate's
 * statistics: exact sign test for 0/1 metrics, paired t otherwise (src/stats). Both one-sided directions
 * are tested at α: `worse` when the candidate is significantly below the reference by more than the
 * margin, `better` when significantly above it by more than the margin, else `tie`. The interval is the
 * two one-sided 1 − α bounds (a 1 − 2α two-sided CI); p is two-sided (2 × the smaller one-sided p, ≤ 1).
 */
import { pairedTTest } from '../stats/paired.js'
import { signTest } from '../stats/sign.js'

export type HeadToHeadVerdict = 'better' | 'worse' | 'tie'

export interface PairedCase {
  id: string
  category?: string
  /** Metric → score in [0, 1]. */
  reference: Record<string, number>
  candidate: Record<string, number>
}

export interface MetricComparison {
  metric: string
  n: number
  method: 't' | 'sign'
  reference: number
  candidate: number
  /** candidate − reference. */
  diff: number
  ci: [number, number]
  p: number
  verdict: HeadToHeadVerdict
}

export interface CategoryComparison extends MetricComparison {
  category: string
}

export interface Underperformer {
  id: string
  category?: string
  metric: string
  reference: number
  candidate: number
  delta: number
}

export interface HeadToHead {
  candidate: string
  reference: string
  /** Cases both ran (the pairs). */
  paired: number
  metrics: MetricComparison[]
  categories: CategoryComparison[]
  underperforming: Underperformer[]
}

const isBinary = (xs: readonly number[]) => xs.every((x) => x === 0 || x === 1)

/** Paired comparison of one metric (null with fewer than one pair). */
export function compareMetric(metric: string, ref: readonly number[], cand: readonly number[], alpha: number, margin: number): MetricComparison | null {
  const n = ref.length
  if (!n) return null
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  const binary = isBinary(ref) && isBinary(cand)
  const opts = { alpha, margin }
  const down = binary ? signTest(ref.map((x) => x === 1), cand.map((x) => x === 1), opts) : pairedTTest(ref, cand, opts)
  const up = binary ? signTest(cand.map((x) => x === 1), ref.map((x) => x === 1), opts) : pairedTTest(cand, ref, opts)
  const diff = mean(cand) - mean(ref)
  const verdict: HeadToHeadVerdict = down.pValue <= alpha && diff < -margin ? 'worse' : up.pValue <= alpha && diff > margin ? 'better' : 'tie'
  return {
    metric,
    n,
    method: binary ? 'sign' : 't',
    reference: mean(ref),
    candidate: mean(cand),
    diff,
    ci: [down.lower, down.upper],
    p: Math.min(1, 2 * Math.min(down.pValue, up.pValue)),
    verdict,
  }
}

/** Every metric both sides have, per category for `categoryMetric`, and the cases where the candidate is worse. */
export function headToHead(candidate: string, reference: string, cases: readonly PairedCase[], settings: { alpha: number; margin: number; categoryMetric: string; worstCases: number }): HeadToHead {
  const metrics = [...new Set(cases.flatMap((c) => Object.keys(c.candidate).filter((m) => m in c.reference)))].sort((a, b) => (a === 'pass' ? -1 : b === 'pass' ? 1 : a.localeCompare(b)))
  const pick = (subset: readonly PairedCase[], m: string) => {
    const both = subset.filter((c) => m in c.reference && m in c.candidate)
    return [both.map((c) => c.reference[m]!), both.map((c) => c.candidate[m]!)] as const
  }
  const out: MetricComparison[] = []
  for (const m of metrics) {
    const r = compareMetric(m, ...pick(cases, m), settings.alpha, settings.margin)
    if (r) out.push(r)
  }
  const categories: CategoryComparison[] = []
  const cats = [...new Set(cases.map((c) => c.category).filter((c): c is string => c !== undefined))].sort()
  for (const category of cats) {
    const r = compareMetric(settings.categoryMetric, ...pick(cases.filter((c) => c.category === category), settings.categoryMetric), settings.alpha, settings.margin)
    if (r) categories.push({ ...r, category })
  }
  const underperforming: Underperformer[] = []
  for (const c of cases) {
    let worst: Underperformer | null = null
    for (const m of metrics) {
      if (!(m in c.reference && m in c.candidate)) continue
      const delta = c.candidate[m]! - c.reference[m]!
      if (delta < -1e-9 && (!worst || delta < worst.delta || (worst.metric === 'pass' && delta <= worst.delta))) {
        worst = { id: c.id, ...(c.category !== undefined ? { category: c.category } : {}), metric: m, reference: c.reference[m]!, candidate: c.candidate[m]!, delta }
      }
    }
    if (worst) underperforming.push(worst)
  }
  underperforming.sort((a, b) => a.delta - b.delta || a.id.localeCompare(b.id))
  return { candidate, reference, paired: cases.length, metrics: out, categories, underperforming: underperforming.slice(0, settings.worstCases) }
}
