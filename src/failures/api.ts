/** `tagFailure(kind, { severity })`: the user's own failure tag on the running case. */
import { currentTask } from '../worker/context.js'
import { taskMeta } from '../meta/index.js'
import { describeValue, trialOf } from '../meta/record.js'
import { FAILURE_KINDS, SEVERITIES, isFailureKind, isSeverity, type FailureKind, type Severity } from './types.js'

export interface TagFailureOptions {
  /** Default `'major'`. */
  severity?: Severity
  /** A finer kind, e.g. `'timeout'` for `error`, a criterion or a policy name. */
  subKind?: string
  /** A short note for the report (no secrets: it is stored in task meta). */
  detail?: string
}

const OPTION_KEYS = new Set(['severity', 'subKind', 'detail'])

/**
 * Tags the running case with a failure of `kind` (format, refusal, hallucination, drift, tool, wrong,
 * error). The case counts towards that kind in the report and in `gate.failureRates`.
 * Example: `if (!grounded) tagFailure('hallucination', { severity: 'catastrophic' })`.
 */
export function tagFailure(kind: FailureKind, options: TagFailureOptions = {}): void {
  if (!isFailureKind(kind)) throw new Error(`evalgate: tagFailure() kind must be one of ${FAILURE_KINDS.join(', ')}, got ${describeValue(kind)}`)
  if (options === null || typeof options !== 'object') throw new Error(`evalgate: tagFailure("${kind}", options): options must be an object, got ${describeValue(options)}`)
  for (const key of Object.keys(options)) if (!OPTION_KEYS.has(key)) throw new Error(`evalgate: tagFailure("${kind}", options): unknown option "${key}" (known: ${[...OPTION_KEYS].join(', ')})`)
  const severity = options.severity ?? 'major'
  if (!isSeverity(severity)) throw new Error(`evalgate: tagFailure("${kind}", { severity }): severity must be one of ${SEVERITIES.join(', ')}, got ${describeValue(severity)}`)
  for (const f of ['subKind', 'detail'] as const) {
    const v = options[f]
    if (v !== undefined && (typeof v !== 'string' || !v)) throw new Error(`evalgate: tagFailure("${kind}", { ${f} }): must be a non-empty string, got ${describeValue(v)}`)
  }
  const task = currentTask()
  if (!task) throw new Error('evalgate: tagFailure() must be called inside a test (with the evalgate plugin in vitest.config)')
  const meta = taskMeta(task)
  ;(meta.failures ??= []).push({
    kind,
    severity,
    source: 'user',
    trial: trialOf(task),
    ...(options.subKind ? { subKind: options.subKind } : {}),
    ...(options.detail ? { detail: options.detail.slice(0, 200) } : {}),
  })
}
