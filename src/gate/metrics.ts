/**
 * The paired comparison of each score metric of a suite: baseline vs current trial scores per case go to
 * `gateSuite`; with several metrics, Holm's correction across them decides which degradations stand.
 */
import { holmAdjust } from '../stats/index.js'
import { familyVerdict, GATE_DEFAULTS, gateSuite, usableMethod, type GateCase, type GateResult } from './decide.js'
import { validScore } from './cases.js'
import type { CaseResult, CategoryGate, CriticalRegression, GateSettings, MetricGate, SuiteVerdict } from './types.js'
import type { CaseRecord } from '../baseline/types.js'

const byName = (a: string, b: string): number => (a === 'pass' ? -1 : b === 'pass' ? 1 : a < b ? -1 : a > b ? 1 : 0)

/** Trial scores of a metric in a record: `trials[metric]` when present, else the one mean score; null when unusable. */
export function trialScores(record: CaseRecord | null, metric: string): number[] | null {
  if (!record) return null
  const trials = record.trials?.[metric]
  if (trials && trials.length > 0) return trials.every(validScore) ? [...trials] : null
  const score = record.scores[metric]
  return validScore(score) ? [score] : null
}

/**
 * The smallest drop the gate can flag for a metric: more than the margin (smaller drops are never
 * `degraded`), at least gateSuite's power-based MDE, and for the exact sign test at least the fewest
 * flipped cases that can reach p ≤ α at all (⌈log₂(1/α)⌉, 5 at α = 0.05) out of n — the observed-sd MDE
 * alone reads 0 when no case changed. Null when n < 2 or when no drop could be flagged (too few cases).
 */
export function detectableDrop(result: Pick<GateResult, 'n' | 'mde' | 'method'>, alpha: number, margin: number): number | null {
  if (result.n < 2) return null
  let floor = margin
  if (result.method === 'sign') {
    const flips = Math.max(Math.ceil(Math.log2(1 / alpha) - 1e-9), Math.floor(margin * result.n + 1e-9) + 1)
    if (flips > result.n) return null
    floor = Math.max(floor, flips / result.n)
  }
  return Math.max(floor, result.mde ?? 0)
}

/** Metrics present in both the baseline and the current record of at least one case, `pass` first. */
export function suiteMetrics(cases: readonly CaseResult[]): string[] {
  const names = new Set<string>()
  for (const c of cases) {
    if (!c.baseline) continue
    for (const m of Object.keys(c.current.scores)) if (m in c.baseline.scores) names.add(m)
  }
  return [...names].sort(byName)
}

/** The gate cases of one metric: every case scoring it now, with its baseline trials when it has them. */
export function gateCases(cases: readonly CaseResult[], metric: string, clusters: GateSettings['clusters'] = 'case'): GateCase[] {
  const out: GateCase[] = []
  for (const c of cases) {
    const candidate = trialScores(c.current, metric)
    if (!candidate) continue
    const baseline = trialScores(c.baseline, metric)
    const binary = [...candidate, ...(baseline ?? [])].every((s) => s === 0 || s === 1)
    out.push({
      id: c.key,
      baseline,
      candidate,
      binary,
      critical: c.critical,
      ...(c.category !== undefined ? { category: c.category } : {}),
      ...clusterOf(c, clusters),
    })
  }
  return out
}

function clusterOf(c: CaseResult, clusters: GateSettings['clusters']): { cluster?: string } {
  if (clusters === 'none') return {}
  const cluster = clusters === 'category' ? c.category : (c.current.cluster ?? c.baseline?.cluster)
  return cluster === undefined ? {} : { cluster }
}

/** A metric every compared case scores with one and the same value, in the baseline and now: it cannot reject, so it takes no α. */
export function constantMetric(input: readonly GateCase[]): boolean {
  let value: number | undefined
  for (const c of input) {
    if (!c.baseline || !c.candidate) continue
    for (const s of [...c.baseline, ...c.candidate]) {
      if (value === undefined) value = s
      else if (Math.abs(s - value) > 1e-9) return false
    }
  }
  return true
}

function categories(result: GateResult, gated: boolean): CategoryGate[] {
  return Object.entries(result.perCategory).map(([category, s]) => ({
    category,
    n: s.n,
    baselineMean: s.baselineMean,
    currentMean: s.candidateMean,
    diff: s.meanDiff,
    // The Holm-adjusted verdict; a report-only metric labels no category degraded.
    verdict: s.verdict === 'degraded' && !gated ? 'inconclusive' : s.verdict,
    pValueAdjusted: s.pValueAdjusted,
  }))
}

/**
 * Gates every metric of a suite. A metric without a single compared case is left out. The Holm
 * adjustment runs over the remaining metrics; a metric is `degraded` only when gateSuite says so AND its
 * adjusted p-value is ≤ α (otherwise it becomes `inconclusive`). Critical cases whose score dropped in
 * any metric are returned with their largest drop.
 */
export function gateMetrics(cases: readonly CaseResult[], settings: GateSettings): { metrics: MetricGate[]; critical: CriticalRegression[] } {
  const { alpha, margin, method, seed, instabilityThreshold = GATE_DEFAULTS.instabilityThreshold, clusters = GATE_DEFAULTS.clusters } = settings
  const primary = settings.metrics && settings.metrics.length ? new Set(settings.metrics) : null
  const inputs: Array<{ metric: string; input: GateCase[]; gated: boolean; constant: boolean }> = []
  for (const metric of suiteMetrics(cases)) {
    const input = gateCases(cases, metric, clusters)
    inputs.push({ metric, input, gated: primary === null || primary.has(metric), constant: constantMetric(input) })
  }
  // Holm's family: the gated metrics that can vary. Constant ones cannot reject; report-only ones are not tested.
  const familySize = Math.max(1, inputs.filter((x) => x.gated && !x.constant).length)
  const results: Array<{ metric: string; result: GateResult; gated: boolean; constant: boolean }> = []
  for (const { metric, input, gated, constant } of inputs) {
    const result = gateSuite({ cases: input, options: { alpha, margin, method: usableMethod(method, input), seed, instabilityThreshold, familySize: gated ? familySize : 1 } })
    if (result.n > 0) results.push({ metric, result, gated, constant })
  }
  const family = results.map((r, i) => ({ r, i })).filter(({ r }) => r.gated && !r.constant)
  const familyAdjusted = holmAdjust(family.map(({ r }) => r.result.pValue))
  const adjusted = results.map((r) => r.result.pValue)
  family.forEach(({ i }, j) => (adjusted[i] = familyAdjusted[j] as number))
  const metrics = results.map(({ metric, result, gated, constant }, i): MetricGate => {
    const pValueAdjusted = adjusted[i] as number
    const verdict = familyVerdict(result.verdict, pValueAdjusted, alpha, gated)
    return {
      gated,
      constant,
      clusters: result.clusters,
      metric,
      n: result.n,
      k: result.k,
      baselineMean: result.baselineMean,
      currentMean: result.candidateMean,
      meanDiff: result.meanDiff,
      ci: result.ci,
      ciLevel: 1 - 2 * alpha,
      pValue: result.pValue,
      pValueAdjusted,
      method: result.method,
      rawVerdict: result.verdict,
      verdict,
      mde: result.mde,
      detectable: detectableDrop(result, alpha, margin),
      unstable: result.unstable,
      meanTrialRange: result.meanTrialRange,
      newCases: result.excluded.noBaseline.length,
      categories: categories(result, gated),
    }
  })
  return { metrics, critical: criticalDrops(cases, results) }
}

function criticalDrops(cases: readonly CaseResult[], results: ReadonlyArray<{ metric: string; result: GateResult }>): CriticalRegression[] {
  const byKey = new Map(cases.map((c) => [c.key, c]))
  const worst = new Map<string, CriticalRegression>()
  for (const { metric, result } of results) {
    for (const key of result.criticalRegressions) {
      const c = byKey.get(key)
      if (!c?.baseline) continue
      const baseline = c.baseline.scores[metric] as number
      const current = c.current.scores[metric] as number
      const drop: CriticalRegression = { key, metric, baseline, current, delta: current - baseline }
      const prev = worst.get(key)
      // An equal drop of a named metric says more than `pass` (which falls with any failure).
      if (!prev || drop.delta < prev.delta - 1e-9 || (prev.metric === 'pass' && drop.delta <= prev.delta + 1e-9)) worst.set(key, drop)
    }
  }
  return [...worst.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/** The suite verdict: degraded if any metric is, non-inferior if all are, else inconclusive; no-baseline without metrics. */
export function suiteVerdict(metrics: readonly MetricGate[]): SuiteVerdict {
  if (metrics.length === 0) return 'no-baseline'
  const gated = metrics.filter((m) => m.gated !== false)
  if (gated.length === 0) return 'inconclusive'
  if (gated.some((m) => m.verdict === 'degraded')) return 'degraded'
  if (gated.every((m) => m.verdict === 'non-inferior')) return 'non-inferior'
  return 'inconclusive'
}
