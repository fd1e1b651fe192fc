import { compare, seatOrder, rankKey } from '../allocate.js'
import { BudgetTracker, latencyEstimator, type SubsetBudget } from './budget.js'
import { checkHistory, signalsOf, type CaseHistory, type CaseSignals } from './history.js'
import { UNCATEGORIZED, type EvalCase } from '../types.js'
import { round2 } from '../../util/round.js'

/** Why a case is in the subset. */
export type SelectionReason = 'critical' | 'flipped' | 'near-threshold' | 'recent-failure' | 'stratified'

/** Options of {@link selectSubset}. */
export interface SelectSubsetOptions {
  budget: SubsetBudget
  /** Seeds the stratified part; the other rules do not depend on it. */
  seed: number | string
  /** A case is near its threshold when |latest score − threshold| <= this (default 0.1). */
  nearThreshold?: number
  /** Threshold for cases whose history has none. */
  threshold?: number
  /** Cases whose `lastFailedAt` is at or after this (epoch ms or date string) count as recent failures too. */
  failedSince?: string | number
  /** Cases run in parallel: the time estimate is the sequential sum divided by this (default 1). */
  concurrency?: number
  /** Time of a case with no known latency when no case has one (default 1000 ms). */
  defaultLatencyMs?: number
  /**
   * When true, sensitive cases (flipped, near-threshold, recent-failure) are kept like critical ones,
   * even over budget. By default they are kept as far as the budget allows.
   */
  requireSensitive?: boolean
}

/** A selected regression subset. */
export interface SubsetResult<Input = unknown, Expected = unknown> {
  /** Selected cases, in their original order. */
  cases: Array<EvalCase<Input, Expected>>
  /** Why each selected case (by id) is included. */
  reasons: Record<string, SelectionReason>
  /** Selected cases per category (`uncategorized` for cases without one). */
  byCategory: Record<string, number>
  /** Estimated wall time of the subset: sum of per-case latencies / concurrency, in minutes. */
  estimatedMinutes: number
  /** True when the cases that must run (critical, plus sensitive with `requireSensitive`) exceed the budget. */
  overBudget: boolean
  /** Human-readable notes: over budget, sensitive cases left out. */
  warnings: string[]
  seed: number | string
  budget: SubsetBudget
}

const SENSITIVE_ORDER: Record<string, number> = { flipped: 0, 'near-threshold': 1, 'recent-failure': 2 }

/**
 * Picks a fast regression subset of `cases` within `budget`:
 * 1. every critical case, even beyond the budget (then `overBudget` is true);
 * 2. sensitive cases, as far as the budget allows, most telling first: verdict flipped across history
 *    (most flips first), latest score within `nearThreshold` of the threshold (closest first), last run
 *    failed (latest failure first);
 * 3. the rest of the budget by stratified sampling: seats go to categories in proportion to their size
 *    in `cases` (counting cases already selected), at least one per category, and within a category
 *    by a seeded hash rank of the id.
 * Same inputs and seed → same subset; a different seed only changes step 3.
 */
export function selectSubset<Input, Expected>(
  cases: ReadonlyArray<EvalCase<Input, Expected>>,
  history: CaseHistory,
  options: SelectSubsetOptions,
): SubsetResult<Input, Expected> {
  const { budget, seed, nearThreshold = 0.1, concurrency = 1, defaultLatencyMs = 1000 } = options
  const tracker = new BudgetTracker(budget, concurrency)
  const records = checkHistory(history)
  const ids = cases.map((c) => c.id)
  checkUniqueIds(ids)
  const latency = latencyEstimator(ids, records, defaultLatencyMs)
  const reasons: Record<string, SelectionReason> = {}
  const warnings: string[] = []
  const take = (c: EvalCase<Input, Expected>, reason: SelectionReason): void => {
    reasons[c.id] = reason
    tracker.add(latency(c.id))
  }

  for (const c of cases) if (c.critical === true) take(c, 'critical')
  let overBudget = tracker.exceeded
  if (overBudget) warnings.push(`critical cases alone (${tracker.cases}, ~${round2(tracker.estimatedMinutes)} min) exceed the budget ${describeBudget(budget)}; all of them are included`)

  const sensitive = cases
    .map((c, index) => ({ c, index, signals: signalsOf(records.get(c.id), options) }))
    .filter(({ c }) => reasons[c.id] === undefined)
    .map((item) => ({ ...item, reason: sensitiveReason(item.signals, nearThreshold) }))
    .filter((item): item is typeof item & { reason: SelectionReason } => item.reason !== undefined)
    .sort((a, b) => (SENSITIVE_ORDER[a.reason] ?? 0) - (SENSITIVE_ORDER[b.reason] ?? 0) || urgency(a, b) || a.index - b.index)
  let left = 0
  for (const { c, reason } of sensitive) {
    if (options.requireSensitive === true || tracker.fits(latency(c.id))) take(c, reason)
    else left++
  }
  if (options.requireSensitive === true && !overBudget && tracker.exceeded) {
    overBudget = true
    warnings.push(`critical and sensitive cases (${tracker.cases}, ~${round2(tracker.estimatedMinutes)} min) exceed the budget ${describeBudget(budget)}; all of them are included`)
  }
  if (left > 0) warnings.push(`${left} sensitive case${left === 1 ? '' : 's'} (flipped, near-threshold, recent-failure) did not fit the budget and ${left === 1 ? 'was' : 'were'} left out`)

  fillStratified(cases, seed, reasons, tracker, latency, take)

  const selected = cases.filter((c) => reasons[c.id] !== undefined)
  const byCategory: Record<string, number> = {}
  for (const c of selected) byCategory[c.category ?? UNCATEGORIZED] = (byCategory[c.category ?? UNCATEGORIZED] ?? 0) + 1
  return { cases: selected, reasons, byCategory, estimatedMinutes: tracker.estimatedMinutes, overBudget, warnings, seed, budget: { ...budget } }
}

function fillStratified<Input, Expected>(
  cases: ReadonlyArray<EvalCase<Input, Expected>>,
  seed: number | string,
  reasons: Record<string, SelectionReason>,
  tracker: BudgetTracker,
  latency: (id: string) => number,
  take: (c: EvalCase<Input, Expected>, reason: SelectionReason) => void,
): void {
  const size = new Map<string, number>()
  const held = new Map<string, number>()
  const pools = new Map<string, Array<{ c: EvalCase<Input, Expected>; rank: string }>>()
  for (const c of cases) {
    const category = c.category ?? UNCATEGORIZED
    size.set(category, (size.get(category) ?? 0) + 1)
    if (reasons[c.id] !== undefined) held.set(category, (held.get(category) ?? 0) + 1)
    else {
      const pool = pools.get(category) ?? []
      pool.push({ c, rank: rankKey(seed, c.id) })
      pools.set(category, pool)
    }
  }
  if (pools.size === 0) return
  for (const pool of pools.values()) pool.sort((a, b) => compare(b.rank, a.rank)) // lowest rank last, for pop()
  let cheapest = Infinity
  for (const pool of pools.values()) for (const { c } of pool) cheapest = Math.min(cheapest, latency(c.id))
  const strata = [...size].map(([name, weight]) => ({ name, weight, initial: held.get(name) ?? 0, capacity: (held.get(name) ?? 0) + (pools.get(name)?.length ?? 0) }))
  for (const category of seatOrder(strata)) {
    if (tracker.fullFor(cheapest)) return
    const next = pools.get(category)?.pop()
    if (next !== undefined && tracker.fits(latency(next.c.id))) take(next.c, 'stratified')
  }
}

function sensitiveReason(signals: CaseSignals, nearThreshold: number): SelectionReason | undefined {
  if (signals.flipped) return 'flipped'
  // The epsilon keeps e.g. |0.75 − 0.6| = 0.15000000000000002 within a nearThreshold of 0.15.
  if (signals.distance !== undefined && signals.distance <= nearThreshold + 1e-9) return 'near-threshold'
  if (signals.recentFailure) return 'recent-failure'
  return undefined
}

function urgency(a: { reason: SelectionReason; signals: CaseSignals }, b: { signals: CaseSignals }): number {
  if (a.reason === 'flipped') return b.signals.flips - a.signals.flips
  if (a.reason === 'near-threshold') return (a.signals.distance ?? 0) - (b.signals.distance ?? 0)
  return (b.signals.lastFailedMs ?? -Infinity) - (a.signals.lastFailedMs ?? -Infinity) || 0
}

function checkUniqueIds(ids: readonly string[]): void {
  const seen = new Set<string>()
  for (const id of ids) {
    if (seen.has(id)) throw new TypeError(`selectSubset: case id "${id}" appears more than once`)
    seen.add(id)
  }
}

function describeBudget(budget: SubsetBudget): string {
  const parts = [budget.cases === undefined ? '' : `${budget.cases} cases`, budget.minutes === undefined ? '' : `${budget.minutes} min`]
  return `(${parts.filter((p) => p !== '').join(', ')})`
}
