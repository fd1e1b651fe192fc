import { percentile } from '../../stats/percentile.js'
import type { CaseHistoryEntry } from './history.js'

/** How much a regression subset may cost: a number of cases, a wall-clock estimate, or both. */
export interface SubsetBudget {
  cases?: number
  minutes?: number
}

/**
 * Per-case time estimates in ms: the case's `meanLatencyMs`, else the median (nearest rank) of the
 * known latencies of the given ids, else `defaultMs`.
 */
export function latencyEstimator(ids: readonly string[], history: ReadonlyMap<string, CaseHistoryEntry>, defaultMs: number): (id: string) => number {
  const known = ids.map((id) => history.get(id)?.meanLatencyMs).filter((ms): ms is number => ms !== undefined)
  const fallback = known.length > 0 ? percentile(known, 50) : defaultMs
  return (id) => history.get(id)?.meanLatencyMs ?? fallback
}

/**
 * Tracks what a selection costs. Time is estimated as the sum of per-case latencies (a sequential run)
 * divided by `concurrency`.
 */
export class BudgetTracker {
  private count = 0
  private ms = 0

  constructor(
    private readonly budget: SubsetBudget,
    private readonly concurrency: number,
  ) {
    const { cases, minutes } = budget
    if (cases === undefined && minutes === undefined) throw new TypeError('selectSubset: budget needs "cases", "minutes" or both')
    if (cases !== undefined && !(Number.isInteger(cases) && cases >= 0)) throw new RangeError(`selectSubset: budget.cases must be an integer >= 0, got ${cases}`)
    if (minutes !== undefined && !(Number.isFinite(minutes) && minutes >= 0)) throw new RangeError(`selectSubset: budget.minutes must be a number >= 0, got ${minutes}`)
    if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new RangeError(`selectSubset: concurrency must be an integer >= 1, got ${concurrency}`)
  }

  /** Whether one more case taking `ms` stays within the budget. */
  fits(ms: number): boolean {
    const { cases, minutes } = this.budget
    if (cases !== undefined && this.count + 1 > cases) return false
    return minutes === undefined || this.minutesFor(this.ms + ms) <= minutes
  }

  add(ms: number): void {
    this.count++
    this.ms += ms
  }

  /** True once the cases taken so far exceed the budget. */
  get exceeded(): boolean {
    const { cases, minutes } = this.budget
    return (cases !== undefined && this.count > cases) || (minutes !== undefined && this.estimatedMinutes > minutes)
  }

  /** True when the budget cannot take any case costing at least `ms`. */
  fullFor(ms: number): boolean {
    return !this.fits(ms)
  }

  get cases(): number {
    return this.count
  }

  get estimatedMinutes(): number {
    return this.minutesFor(this.ms)
  }

  private minutesFor(ms: number): number {
    return ms / this.concurrency / 60_000
  }
}
