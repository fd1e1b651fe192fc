/**
 * Failure counts by kind, by category and by severity. The unit is the **case** (a test): a case has kind
 * X when any of its trials or records was tagged X. Trials of one case are correlated, so counting them
 * as independent Bernoulli draws would overstate n (and understate every bound).
 */
import { nearestRank } from '../stats/percentile.js'
import { caseFailures } from './classify.js'
import { FAILURE_KINDS, SEVERITIES, severityRank, type FailureKind, type FailureTag, type Severity } from './types.js'
import type { EvalgateTaskMeta } from '../meta/index.js'

/** What the counter reads of one test. */
export interface FailureCaseInput {
  name: string
  state: 'passed' | 'failed' | 'skipped' | 'pending'
  meta: Pick<EvalgateTaskMeta, 'matchers' | 'calls' | 'failures' | 'case'>
}

export interface KindCount {
  /** Cases with this kind. */
  cases: number
  /** cases / n. */
  rate: number
  /** Cases by sub-kind (e.g. `error`: timeout, server). */
  bySubKind: Record<string, number>
}

export interface FailureCounts {
  /** Cases counted (skipped ones excluded). */
  n: number
  /** Cases with at least one failure. */
  failedCases: number
  byKind: Partial<Record<FailureKind, KindCount>>
  /** Per category (`tagCase({ category })`): its n and the cases per kind. */
  byCategory: Record<string, { n: number; byKind: Partial<Record<FailureKind, number>> }>
  /** Cases by their worst severity (failed cases only). */
  severity: Record<Severity, number>
  /** P99 (nearest rank) of the worst severity over all n cases (a case without failure ranks 0 = none). */
  p99Severity: Severity | 'none'
}

/** The failures of one case, as the counter sees them. */
export function failuresOf(test: FailureCaseInput): FailureTag[] {
  return caseFailures(test.meta)
}

/** Counts failures over tests (skipped tests are not cases). */
export function countFailures(tests: readonly FailureCaseInput[]): FailureCounts {
  const cases = tests.filter((t) => t.state !== 'skipped' && t.state !== 'pending')
  const byKind: Partial<Record<FailureKind, KindCount>> = {}
  const byCategory: FailureCounts['byCategory'] = {}
  const severity: Record<Severity, number> = { minor: 0, major: 0, catastrophic: 0 }
  const ranks: number[] = []
  let failedCases = 0
  for (const t of cases) {
    const tags = failuresOf(t)
    const category = t.meta.case?.category
    if (category !== undefined) byCategory[category] ??= { n: 0, byKind: {} }
    if (category !== undefined) byCategory[category]!.n++
    const kinds = new Set(tags.map((f) => f.kind))
    for (const kind of kinds) {
      const k = (byKind[kind] ??= { cases: 0, rate: 0, bySubKind: {} })
      k.cases++
      for (const sub of new Set(tags.filter((f) => f.kind === kind && f.subKind).map((f) => f.subKind as string))) k.bySubKind[sub] = (k.bySubKind[sub] ?? 0) + 1
      if (category !== undefined) byCategory[category]!.byKind[kind] = (byCategory[category]!.byKind[kind] ?? 0) + 1
    }
    const worst = tags.reduce((m, f) => Math.max(m, severityRank(f.severity)), 0)
    ranks.push(worst)
    if (worst > 0) {
      failedCases++
      severity[SEVERITIES[worst - 1] as Severity]++
    }
  }
  for (const kind of FAILURE_KINDS) {
    const k = byKind[kind]
    if (k) k.rate = k.cases / cases.length
  }
  ranks.sort((a, b) => a - b)
  const p99 = ranks.length ? nearestRank(ranks, 99) : 0
  return { n: cases.length, failedCases, byKind, byCategory, severity, p99Severity: p99 === 0 ? 'none' : (SEVERITIES[p99 - 1] as Severity) }
}
