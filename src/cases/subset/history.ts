import { describeType, formatPath, isObject } from '../../util/json-path.js'

/** What earlier runs recorded about one case. */
export interface CaseHistoryEntry {
  /** Scores across baselines / trials, oldest first. */
  scores?: number[]
  /** Verdicts across baselines / trials, oldest first. */
  passes?: boolean[]
  /** The score the case must reach to pass. */
  threshold?: number
  /** When the case last failed: epoch milliseconds or an ISO date. */
  lastFailedAt?: string | number
  /** Mean wall time of one run of the case, in ms (for time budgets). */
  meanLatencyMs?: number
}

/** History per case id; ids not among the cases are ignored. */
export type CaseHistory = Readonly<Record<string, CaseHistoryEntry>> | ReadonlyMap<string, CaseHistoryEntry>

/** What the history says about a case's sensitivity. */
export interface CaseSignals {
  /** Verdicts contain both pass and fail; `flips` counts changes between consecutive verdicts. */
  flipped: boolean
  flips: number
  /** |latest score − threshold|, when both are known. */
  distance?: number
  /** The last verdict was a failure (or `lastFailedAt` is not before `failedSince`). */
  recentFailure: boolean
  /** `lastFailedAt` in epoch ms. */
  lastFailedMs?: number
}

/** Checks the shape of a history and returns it as a map; throws a TypeError naming the bad field. */
export function checkHistory(history: CaseHistory): Map<string, CaseHistoryEntry> {
  const entries = history instanceof Map ? [...(history as ReadonlyMap<string, CaseHistoryEntry>)] : Object.entries(history)
  const fail = ([id, ...rest]: [string, ...Array<string | number>], message: string): never => {
    const field = rest.length === 0 ? '' : `.${formatPath(rest)}`
    throw new TypeError(`history[${JSON.stringify(id)}]${field} ${message}`)
  }
  for (const [id, entry] of entries as Array<[string, unknown]>) {
    if (!isObject(entry)) fail([id], `must be an object, got ${describeType(entry)}`)
    const e = entry as Record<string, unknown>
    for (const key of ['scores', 'passes'] as const) {
      const list = e[key]
      if (list === undefined) continue
      if (!Array.isArray(list)) return fail([id, key], `must be an array, got ${describeType(list)}`)
      list.forEach((item: unknown, i) => {
        const ok = key === 'scores' ? typeof item === 'number' && Number.isFinite(item) : typeof item === 'boolean'
        if (!ok) fail([id, key, i], `must be a ${key === 'scores' ? 'finite number' : 'boolean'}, got ${describeType(item)}`)
      })
    }
    for (const key of ['threshold', 'meanLatencyMs'] as const) {
      const value = e[key]
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
        fail([id, key], `must be a number >= 0, got ${typeof value === 'number' ? value : describeType(value)}`)
      }
    }
    if (e.lastFailedAt !== undefined && toEpochMs(e.lastFailedAt) === undefined) {
      fail([id, 'lastFailedAt'], `must be epoch milliseconds or a date string, got ${JSON.stringify(e.lastFailedAt)}`)
    }
  }
  return new Map(entries)
}

/** Sensitivity signals of one case; `threshold` applies when the entry has none. */
export function signalsOf(entry: CaseHistoryEntry | undefined, options: { threshold?: number; failedSince?: string | number }): CaseSignals {
  const threshold = entry?.threshold ?? options.threshold
  const scores = entry?.scores ?? []
  const verdicts = entry?.passes ?? (threshold === undefined ? [] : scores.map((score) => score >= threshold))
  let flips = 0
  for (let i = 1; i < verdicts.length; i++) if (verdicts[i] !== verdicts[i - 1]) flips++
  const latest = scores[scores.length - 1]
  const lastFailedMs = entry?.lastFailedAt === undefined ? undefined : toEpochMs(entry.lastFailedAt)
  const since = options.failedSince === undefined ? undefined : toEpochMs(options.failedSince)
  const signals: CaseSignals = {
    flipped: flips > 0,
    flips,
    recentFailure: verdicts[verdicts.length - 1] === false || (since !== undefined && lastFailedMs !== undefined && lastFailedMs >= since),
  }
  if (latest !== undefined && threshold !== undefined) signals.distance = Math.abs(latest - threshold)
  if (lastFailedMs !== undefined) signals.lastFailedMs = lastFailedMs
  return signals
}

/** Epoch ms from a number or a date string; undefined when it is neither. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}
