import { currentTask, type TaskLike } from '../worker/context.js'
import { taskMeta, type CaseInfo } from './index.js'

function requireTask(fn: string): TaskLike {
  const task = currentTask()
  if (!task) throw new Error(`evalgate: ${fn}() must be called inside a test (with the evalgate plugin in vitest.config)`)
  return task
}

/** The Vitest `repeats` index of the running attempt (0 for the first run). */
export function trialOf(task: TaskLike): number {
  return (task as { result?: { repeatCount?: number } }).result?.repeatCount ?? 0
}

/**
 * Records a named score in [0, 1] for the running test. It becomes a metric of the case's baseline and
 * of the suite gate (e.g. `record('accuracy', label === expected ? 1 : 0)`).
 */
export function record(metric: string, value: number): void {
  // Issue 13: a confidence is not a quality score: not gated, it feeds the calibration report.
  if (metric === 'confidence') return recordConfidence(value)
  if (typeof metric !== 'string' || !metric || metric === 'pass') throw new Error(`evalgate: record() needs a metric name other than "pass", got ${JSON.stringify(metric)}`)
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new Error(`evalgate: record("${metric}", …) needs a score within [0, 1], got ${describeValue(value)}`)
  const task = requireTask('record')
  taskMeta(task).matchers.push({ matcher: 'record', metric, pass: true, score: value, trial: trialOf(task) })
}

/**
 * Declares what eval case the running test is: its category (for the report's breakdown) and whether it
 * is critical (zero tolerance: any score drop fails).
 */
export function tagCase(info: CaseInfo): void {
  if (info.category !== undefined && (typeof info.category !== 'string' || !info.category)) throw new Error(`evalgate: tagCase() category must be a non-empty string`)
  if (info.cluster !== undefined && (typeof info.cluster !== 'string' || !info.cluster)) throw new Error(`evalgate: tagCase() cluster must be a non-empty string`)
  const meta = taskMeta(requireTask('tagCase'))
  meta.case = { ...meta.case, ...info }
}

/** A value as the user wrote it: `NaN`, `Infinity`, `"0.5"` (a string), `undefined` — never JSON's `null` for NaN. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value)
  if (typeof value === 'string') return `${JSON.stringify(value)} (a string)`
  if (value === undefined) return 'undefined'
  if (typeof value === 'bigint') return `${String(value)}n (a bigint)`
  if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/**
 * Records the app's confidence in [0, 1] for the running test (and optionally whether it was right): a
 * non-scored record, excluded from baselines and the gate, read by the calibration report
 * (src/failures/confidence.ts).
 */
export function recordConfidence(confidence: number, correct?: boolean | 0 | 1): void {
  const task = currentTask()
  if (!task) throw new Error('evalgate: recordConfidence() must be called inside a test (with the evalgate plugin in vitest.config)')
  const where = `test "${(task as { name?: string }).name ?? '?'}"`
  if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) throw new Error(`evalgate: confidence must be a probability within [0, 1], got ${describeValue(confidence)} (${where})`)
  if (correct !== undefined && correct !== true && correct !== false && correct !== 0 && correct !== 1) throw new Error(`evalgate: recordConfidence(p, correct): correct must be true/false or 0/1, got ${describeValue(correct)} (${where})`)
  taskMeta(task).matchers.push({ matcher: 'confidence', pass: true, trial: trialOf(task), details: { confidence, ...(correct === undefined ? {} : { correct: correct === true || correct === 1 ? 1 : 0 }) } })
}
