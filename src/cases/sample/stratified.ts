import { allocate, compare, rankKey } from '../allocate.js'
import { CaseFileError, IssueCollector, type CaseIssue } from '../errors.js'
import { isIssue, readLogKey, type LogFieldOptions } from './logs.js'
import type { LogEntry } from '../types.js'

/** Options of {@link stratifiedSample}. Give `perCategory`, `total`, or both (then both limits hold). */
export interface StratifiedSampleOptions extends LogFieldOptions {
  /** Take up to this many entries from every category. */
  perCategory?: number
  /**
   * Take this many entries in all, shared between categories in proportion to their entry counts
   * (their share of traffic), with at least one per category when `total` allows.
   */
  total?: number
  /** Same seed and same entries → same sample, whatever the entries' order. */
  seed: number | string
  /** Called for entries that cannot be sampled (missing input, bad id); they are skipped. Without it they throw. */
  onInvalid?: (issue: CaseIssue) => void
}

interface Candidate<T> {
  rank: string
  id: string
  entry: T
}

/**
 * Deterministic stratified sample of production log entries. Within a category, entries are ranked by
 * a seeded hash of their id and the lowest ranks are taken, so the result depends only on the seed and
 * the entries, not on their order. Entries sharing an id (the same prompt, when ids are input hashes)
 * count once; the first one seen is kept. Result order: by category, then id.
 */
export function stratifiedSample<T extends LogEntry>(entries: Iterable<T>, options: StratifiedSampleOptions): T[] {
  const sampler = new StratifiedSampler<T>(options)
  for (const entry of entries) sampler.add(entry)
  return sampler.finish()
}

/**
 * {@link stratifiedSample} over an async stream, e.g. `readLogEntries(path)`: memory stays bounded by
 * the sample size (times two) per category, whatever the size of the log.
 */
export async function stratifiedSampleStream<T extends LogEntry>(
  entries: AsyncIterable<T> | Iterable<T>,
  options: StratifiedSampleOptions,
): Promise<T[]> {
  const sampler = new StratifiedSampler<T>(options)
  for await (const entry of entries) sampler.add(entry)
  return sampler.finish()
}

class StratifiedSampler<T extends LogEntry> {
  private readonly keep: number
  private readonly counts = new Map<string, number>()
  private readonly pools = new Map<string, Map<string, Candidate<T>>>()
  private readonly cutoffs = new Map<string, string>()
  private readonly issues = new IssueCollector()
  private index = 0

  constructor(private readonly options: StratifiedSampleOptions) {
    const { perCategory, total } = options
    if (perCategory === undefined && total === undefined) throw new TypeError('stratifiedSample: set perCategory, total, or both')
    if (perCategory !== undefined && !(Number.isInteger(perCategory) && perCategory >= 1)) {
      throw new RangeError(`stratifiedSample: perCategory must be an integer >= 1, got ${perCategory}`)
    }
    if (total !== undefined && !(Number.isInteger(total) && total >= 0)) {
      throw new RangeError(`stratifiedSample: total must be an integer >= 0, got ${total}`)
    }
    this.keep = Math.min(perCategory ?? Infinity, total ?? Infinity)
  }

  add(entry: T): void {
    const key = readLogKey(entry, this.index++, this.options)
    if (isIssue(key)) {
      if (this.options.onInvalid !== undefined) this.options.onInvalid(key)
      else this.issues.add(key)
      return
    }
    this.counts.set(key.category, (this.counts.get(key.category) ?? 0) + 1)
    let pool = this.pools.get(key.category)
    if (pool === undefined) this.pools.set(key.category, (pool = new Map()))
    if (pool.has(key.id)) return
    const rank = rankKey(this.options.seed, key.id)
    const cutoff = this.cutoffs.get(key.category)
    if (cutoff !== undefined && rank > cutoff) return
    pool.set(key.id, { rank, id: key.id, entry })
    if (pool.size >= 2 * this.keep + 16) this.trim(key.category, pool)
  }

  finish(): T[] {
    if (this.issues.issues.length > 0) throw new CaseFileError(this.issues.issues, this.issues.truncated)
    const strata = [...this.pools].map(([name, pool]) => ({ name, weight: this.counts.get(name) ?? 0, capacity: Math.min(pool.size, this.keep) }))
    const seats = this.options.total ?? strata.reduce((sum, s) => sum + s.capacity, 0)
    const allocation = allocate(strata, seats)
    const sample: Array<Candidate<T> & { category: string }> = []
    for (const [category, pool] of this.pools) {
      const chosen = [...pool.values()].sort((a, b) => compare(a.rank, b.rank)).slice(0, allocation.get(category) ?? 0)
      for (const candidate of chosen) sample.push({ ...candidate, category })
    }
    sample.sort((a, b) => compare(a.category, b.category) || compare(a.id, b.id))
    return sample.map((s) => s.entry)
  }

  // Keeps the `keep` lowest ranks; anything ranked above the last kept one can never be chosen.
  private trim(category: string, pool: Map<string, Candidate<T>>): void {
    const kept = [...pool.values()].sort((a, b) => compare(a.rank, b.rank)).slice(0, this.keep)
    pool.clear()
    for (const candidate of kept) pool.set(candidate.id, candidate)
    const last = kept[kept.length - 1]
    if (last !== undefined) this.cutoffs.set(category, last.rank)
  }
}
