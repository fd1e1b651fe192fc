import type { CallMeasurement } from '../measure/types.js'
import type { TaskLike } from '../worker/context.js'
import type { CaseBaselineMeta, FileBaselineMeta } from '../baseline/types.js'
import { unpackCalls, type PackedCalls } from './compact.js'
import type { FailureTag } from '../failures/types.js'
import { META_KEY } from './key.js'

/** Results of one matcher call (or one explicitly recorded score), kept in the test's meta. */
export interface MatcherRecord {
  matcher: string
  pass: boolean
  /** A score in [0, 1] when the matcher has one (schema partial score, rubric share, similarity). */
  score?: number
  /** The metric the score counts towards; defaults to the matcher name. */
  metric?: string
  /** Which trial (Vitest `repeats` index) produced it. */
  trial?: number
  /** Matcher-specific numbers (latency distribution, failing paths count, …). Plain data. */
  details?: Record<string, unknown>
}

/** What a test declares about the eval case it runs. */
export interface CaseInfo {
  category?: string
  critical?: boolean
  /** Cases sharing run-level noise (same document, conversation…): the suite gate's SE is cluster-robust. */
  cluster?: string
}

/** Everything evalgate records about one test, under `task.meta.evalgate`. Plain, cloneable data. */
export interface EvalgateTaskMeta {
  calls: CallMeasurement[]
  /**
   * A test with more than 20 calls (a load test) keeps them here after it ran, as a summary and one packed
   * line, and `calls` is empty; `readMeta` unpacks them for the reporter.
   */
  callLog?: PackedCalls
  matchers: MatcherRecord[]
  case?: CaseInfo
  /** Set by the baseline check after the test ran. */
  baseline?: CaseBaselineMeta
  /** Failure tags of `tagFailure()` (issue 13; matcher failures are derived from `matchers`). */
  failures?: FailureTag[]
}

/** File-level evalgate data under the test module's `meta.evalgate`. */
export interface EvalgateFileMeta {
  baseline?: FileBaselineMeta
}

export { META_KEY } from './key.js'

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
export function readMeta(meta: object | undefined): EvalgateTaskMeta | undefined {
  const value = (meta as Record<string, unknown> | undefined)?.[META_KEY]
  if (!value || typeof value !== 'object') return undefined
  const m = value as EvalgateTaskMeta
  if (m.callLog?.format !== 'evalgate-calls-v1' || typeof m.callLog.rows !== 'string') return m
  try {
    return { ...m, calls: [...m.calls, ...unpackCalls(m.callLog)] }
  } catch {
    return m
  }
}

/** Reads file-level evalgate meta from a test module's meta bag. */
export function readFileMeta(meta: object | undefined): EvalgateFileMeta | undefined {
  const value = (meta as Record<string, unknown> | undefined)?.[META_KEY]
  if (!value || typeof value !== 'object') return undefined
  return value as EvalgateFileMeta
}
