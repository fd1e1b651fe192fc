/** The failure taxonomy (issue 13): kinds, severities and the tag a failed case carries. Plain data. */

export const FAILURE_KINDS = ['format', 'refusal', 'hallucination', 'drift', 'tool', 'wrong', 'error'] as const
/**
 * `format` no JSON / schema violation · `refusal` refused where an answer was expected · `hallucination` a
 * claim unsupported by the given context · `drift` an explicit instruction not followed (also: an
 * adversarial probe that succeeded) · `tool` wrong tool or arguments · `wrong` plain wrong answer ·
 * `error` endpoint or judge fault (sub-kind: timeout, rate_limit, server, truncated, …).
 */
export type FailureKind = (typeof FAILURE_KINDS)[number]

export const SEVERITIES = ['minor', 'major', 'catastrophic'] as const
/** Ordinal 1..3 (minor < major < catastrophic). */
export type Severity = (typeof SEVERITIES)[number]

/** One failure of a case, in task meta (`failures`) or derived from a failed matcher record. */
export interface FailureTag {
  kind: FailureKind
  /** E.g. the call error kind for `error`, a probe pack, a criterion. */
  subKind?: string
  severity: Severity
  /** Matcher name, `'call'` or `'user'` (tagFailure). */
  source: string
  detail?: string
  trial?: number
}

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s) + 1

export function isFailureKind(value: unknown): value is FailureKind {
  return typeof value === 'string' && (FAILURE_KINDS as readonly string[]).includes(value)
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)
}
