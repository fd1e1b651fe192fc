/**
 * A suite's cases: which tests count as eval cases, their baseline and current records, their largest
 * score drop, and the per-status counts.
 */
import { buildCaseRecord } from '../baseline/record.js'
import type { CaseRecord } from '../baseline/types.js'
import type { CaseDrop, CaseResult, GateSettings, SuiteEvaluation, SuiteInput, TestInput } from './types.js'

/** Score differences smaller than this are rounding noise (records round to 4 digits). */
export const DROP_EPSILON = 1e-9

/** Whether a test recorded anything evalgate can report on (calls, matcher records or a baseline outcome). */
export function hasData(t: TestInput): boolean {
  return t.meta.calls.length > 0 || t.meta.matchers.length > 0 || t.meta.baseline !== undefined
}

/** A score the gate can use: finite and within [0, 1]. */
export function validScore(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1
}

/** The score metrics present in both records, `pass` first then by name. */
export function sharedMetrics(baseline: CaseRecord, current: CaseRecord): string[] {
  return Object.keys(current.scores)
    .filter((m) => validScore(baseline.scores[m]) && validScore(current.scores[m]))
    .sort((a, b) => (a === 'pass' ? -1 : b === 'pass' ? 1 : a < b ? -1 : a > b ? 1 : 0))
}

/** The largest drop of `current` below `baseline` over their shared metrics, or null when nothing dropped. */
export function worstDrop(baseline: CaseRecord | null, current: CaseRecord): CaseDrop | null {
  if (!baseline) return null
  let worst: CaseDrop | null = null
  for (const metric of sharedMetrics(baseline, current)) {
    const before = baseline.scores[metric] as number
    const now = current.scores[metric] as number
    const delta = now - before
    // `pass` falls with any failure (a baseline regression included): an equal drop of a named metric says more.
    const better = worst === null || delta < worst.delta - DROP_EPSILON || (worst.metric === 'pass' && delta <= worst.delta + DROP_EPSILON)
    if (delta < -DROP_EPSILON && better) worst = { metric, baseline: before, current: now, delta }
  }
  return worst
}

/** The eval cases of a suite (tests with evalgate data, skipped ones left out), in test order. */
export function caseResults(suite: SuiteInput, settings: Pick<GateSettings, 'pricing'>): CaseResult[] {
  const out: CaseResult[] = []
  const used = new Set<string>()
  for (const t of suite.tests) {
    if (!hasData(t) || t.state === 'skipped') continue
    const b = t.meta.baseline
    const current = b?.current ?? buildCaseRecord(t.meta, { passed: t.state === 'passed', ...(settings.pricing ? { pricing: settings.pricing } : {}) })
    const baseline = b?.baseline ?? null
    const category = current.category ?? baseline?.category ?? t.meta.case?.category
    // Keys identify cases in the gate: a duplicated test name gets a suffix rather than breaking the pairing.
    let key = b?.key ?? t.name
    for (let i = 2; used.has(key); i++) key = `${b?.key ?? t.name} #${i}`
    used.add(key)
    out.push({
      key,
      name: t.name,
      state: t.state,
      // A file whose baseline write failed wrote nothing: no case of it may count as written.
      status: suite.fileMeta?.writeFailed === true && (b?.status === 'written' || b?.status === 'updated') ? 'missing' : (b?.status ?? 'none'),
      ...(category !== undefined ? { category } : {}),
      critical: current.critical === true || baseline?.critical === true || t.meta.case?.critical === true,
      ...(t.location ? { location: t.location } : {}),
      baseline,
      current,
      regressions: b?.regressions ?? [],
      worstDrop: worstDrop(baseline, current),
    })
  }
  return out
}

/** Per-status counts and pass/fail tallies of a suite's cases. */
export function caseCounts(cases: readonly CaseResult[]): Pick<SuiteEvaluation, 'counts' | 'passRate' | 'statusCounts'> {
  const statusCounts: SuiteEvaluation['statusCounts'] = {}
  for (const c of cases) statusCounts[c.status] = (statusCounts[c.status] ?? 0) + 1
  const passed = cases.filter((c) => c.state === 'passed').length
  const failed = cases.filter((c) => c.state === 'failed').length
  const compared = cases.filter((c) => c.baseline !== null).length
  return {
    counts: { cases: cases.length, passed, failed, skipped: 0, compared, new: cases.length - compared },
    passRate: passed + failed === 0 ? null : passed / (passed + failed),
    statusCounts,
  }
}

/** The cases with the largest drops, largest first (ties by key), at most `limit`. */
export function worstCases(cases: readonly CaseResult[], limit: number): Array<CaseDrop & { key: string }> {
  return cases
    .filter((c): c is CaseResult & { worstDrop: CaseDrop } => c.worstDrop !== null)
    .map((c) => ({ key: c.key, ...c.worstDrop }))
    .sort((a, b) => a.delta - b.delta || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, limit)
}

/** Compared cases whose output hash differs from the baseline's. */
export function outputsChanged(cases: readonly CaseResult[]): number {
  return cases.filter((c) => c.baseline?.outputHash && c.current.outputHash && c.baseline.outputHash !== c.current.outputHash).length
}
