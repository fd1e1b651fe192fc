import type { CallMeasurement } from '../measure/types.js'
import type { TaskLike } from '../measure/current.js'

/** Results of one matcher call, kept in the test's meta for reports and baselines. */
export interface MatcherRecord {
  matcher: string
  pass: boolean
  /** A score in [0, 1] when the matcher has one (schema partial score, rubric share, similarity). */
  score?: number
  /** Matcher-specific numbers (latency distribution, failing paths count, …). Plain data. */
  details?: Record<string, unknown>
}

/** Everything evalgate records about one test, under `task.meta.evalgate`. Plain, cloneable data. */
export interface EvalgateTaskMeta {
  calls: CallMeasurement[]
  matchers: MatcherRecord[]
}

export const META_KEY = 'evalgate'

/** The evalgate meta of a task, created on first use. */
export function taskMeta(task: TaskLike): EvalgateTaskMeta {
  const bag = task.meta as Record<string, unknown>
  const existing = bag[META_KEY] as EvalgateTaskMeta | undefined
  if (existing) return existing
  const created: EvalgateTaskMeta = { calls: [], matchers: [] }
  bag[META_KEY] = created
  return created
}

/** Reads evalgate meta from any meta bag (e.g. a reporter's `testCase.meta()`), or undefined. */
export function readMeta(meta: Record<string, unknown> | undefined): EvalgateTaskMeta | undefined {
  const value = meta?.[META_KEY]
  if (!value || typeof value !== 'object') return undefined
  return value as EvalgateTaskMeta
}
