/** The gate's decision about one suite (test module). */
import { diffFingerprints } from '../baseline/fingerprint.js'
import { GATE_DEFAULTS } from './decide.js'
import { caseCounts, caseResults, hasData, outputsChanged, worstCases } from './cases.js'
import { gateMetrics, suiteVerdict } from './metrics.js'
import { operationalStats } from './operational.js'
import type { GateSettings, MetricGate, SuiteEvaluation, SuiteInput } from './types.js'

const f2 = (x: number) => x.toFixed(2)
const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(2)}`

/** `[project] file`, or the file alone in the root project. */
export function suiteId(suite: Pick<SuiteInput, 'file' | 'project'>): string {
  return suite.project ? `[${suite.project}] ${suite.file}` : suite.file
}

/** One sentence naming a degraded metric with its numbers. */
export function degradedReason(m: MetricGate): string {
  const fmt = (x: number) => (x < 0.001 ? '< 0.001' : x.toPrecision(2))
  const p = m.pValueAdjusted === m.pValue ? `p ${fmt(m.pValue)}` : `Holm-adjusted p ${fmt(m.pValueAdjusted)}`
  return `${m.metric} degraded: ${f2(m.baselineMean)} → ${f2(m.currentMean)} (Δ ${signed(m.meanDiff)}, ${Math.round(m.ciLevel * 100)}% CI [${signed(m.ci[0])}, ${signed(m.ci[1])}], ${p}, n=${m.n})`
}

/**
 * Evaluates one suite: its cases (with baseline and current records), the paired gate per metric with
 * Holm across metrics, critical cases (zero tolerance), categories, trial consistency, operational
 * numbers, worst drops, what changed and obsolete entries. A suite fails when it is degraded or a
 * critical case dropped, unless its baselines were updated in this run (`-u` accepts the change).
 */
export function evaluateSuite(suite: SuiteInput, settings: GateSettings): SuiteEvaluation {
  const cases = caseResults(suite, settings)
  const { metrics, critical } = gateMetrics(cases, settings)
  const verdict = suiteVerdict(metrics)
  const updated = cases.some((c) => c.status === 'updated')
  const reasons: string[] = []
  if (!updated) {
    for (const m of metrics) if (m.verdict === 'degraded') reasons.push(degradedReason(m))
    for (const c of critical) reasons.push(`critical case ${c.key} dropped: ${c.metric} ${f2(c.baseline)} → ${f2(c.current)}`)
  }
  const fm = suite.fileMeta
  const counted = caseCounts(cases)
  const tests = suite.tests.filter((t) => hasData(t) && t.state !== 'skipped')
  return {
    id: suiteId(suite),
    file: suite.file,
    moduleId: suite.moduleId,
    project: suite.project,
    baselinePath: fm?.baselinePath ?? null,
    verdict,
    failed: reasons.length > 0,
    reasons,
    updated,
    ...counted,
    counts: { ...counted.counts, skipped: suite.tests.filter((t) => t.state === 'skipped').length },
    metrics,
    criticalRegressions: critical,
    unstable: metrics.some((m) => m.unstable),
    operational: operationalStats(tests, cases),
    worst: worstCases(cases, settings.worstCases ?? GATE_DEFAULTS.worstCases),
    changes: fm?.baselineFingerprint ? diffFingerprints(fm.baselineFingerprint, fm.fingerprint) : [],
    outputsChanged: outputsChanged(cases),
    obsolete: fm?.obsolete ?? [],
    obsoleteRemoved: fm?.obsoleteRemoved ?? false,
    cases,
  }
}
