/**
 * Which failure kinds a case has: user tags (`tagFailure`), failed matcher records (the kind a matcher
 * set in `details.failure`, else the default of its matcher) and failed calls (`error` with the call's
 * error kind). Pure: reads one test's evalgate meta.
 */
import type { EvalgateTaskMeta, MatcherRecord } from '../meta/index.js'
import { isFailureKind, isSeverity, type FailureKind, type FailureTag } from './types.js'

/** The kind a failed record of each built-in matcher stands for. */
export const MATCHER_KINDS: Readonly<Record<string, FailureKind>> = {
  toMatchSchema: 'format',
  toMatchLabel: 'wrong',
  toCallTool: 'tool',
  toPassRubric: 'wrong',
  toBeSimilarTo: 'wrong',
  toBeGrounded: 'hallucination',
  toFollowTrajectory: 'tool',
}

/** The failure a record stands for, or null when it passed (a fault is always a failure: `error`). */
export function recordFailure(r: MatcherRecord): FailureTag | null {
  if (r.pass) return null
  const trial = r.trial
  const d = r.details ?? {}
  const base = { source: r.matcher, ...(trial !== undefined ? { trial } : {}) }
  if (d.fault !== undefined) {
    const fault = d.fault as { kind?: unknown } | string
    const subKind = typeof fault === 'object' && fault && typeof fault.kind === 'string' ? fault.kind : 'judge'
    return { ...base, kind: 'error', subKind, severity: 'major' }
  }
  // Under `.not` a failed assertion is not the matcher's failure kind (`.not.toBeGrounded` failing means grounded).
  if (d.negated === true && r.matcher !== 'toRefuse') return { ...base, kind: 'wrong', severity: 'major' }
  const set = d.failure as { kind?: unknown; severity?: unknown; subKind?: unknown } | undefined
  if (set && isFailureKind(set.kind)) {
    return { ...base, kind: set.kind, severity: isSeverity(set.severity) ? set.severity : 'major', ...(typeof set.subKind === 'string' ? { subKind: set.subKind } : {}) }
  }
  // toRefuse: a refusal seen where none was expected (`.not.toRefuse()` failed) is `refusal`; a missing refusal is `wrong`.
  if (r.matcher === 'toRefuse') return { ...base, kind: d.refused === true ? 'refusal' : 'wrong', severity: 'major' }
  const kind = MATCHER_KINDS[r.matcher]
  return kind ? { ...base, kind, severity: 'major' } : null
}

/** Every failure of one test (its trials pooled). */
export function caseFailures(meta: Pick<EvalgateTaskMeta, 'matchers' | 'calls' | 'failures'>): FailureTag[] {
  const out: FailureTag[] = [...(meta.failures ?? [])]
  for (const r of meta.matchers) {
    const f = recordFailure(r)
    if (f) out.push(f)
  }
  for (const c of meta.calls) {
    if (!c.ok) out.push({ kind: 'error', subKind: c.error?.kind ?? 'other', severity: 'major', source: 'call' })
  }
  return out
}
