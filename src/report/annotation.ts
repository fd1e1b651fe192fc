/**
 * The per-test annotation (`context.annotate(message, 'evalgate')`) that puts a case's numbers where
 * @vitest/ui, Vitest's HTML reporter and other annotation-aware reporters show them:
 * `pass 1.00 · accuracy 0.00 (baseline 1.00, −1.00) · latency 172 ms · 46 tokens · $0.0000074 · baseline regressed`.
 */
import type { CaseRecord } from '../baseline/types.js'
import type { EvalgateTaskMeta } from '../meta/index.js'
import { score, signed, tokens, usd } from './format.js'

function scorePart(metric: string, current: number, baseline: number | undefined): string {
  if (baseline === undefined) return `${metric} ${score(current)}`
  const delta = current - baseline
  return `${metric} ${score(current)} (baseline ${score(baseline)}${Math.abs(delta) >= 0.005 ? `, ${signed(delta)}` : ''})`
}

/** The annotation text of a case from its records; `status` is the baseline outcome when there is one. */
export function annotationText(current: CaseRecord, baseline: CaseRecord | null, status?: string): string {
  const metrics = Object.keys(current.scores).sort((a, b) => (a === 'pass' ? -1 : b === 'pass' ? 1 : a < b ? -1 : a > b ? 1 : 0))
  const parts = metrics.map((m) => scorePart(m, current.scores[m] as number, baseline?.scores[m]))
  for (const m of Object.keys(baseline?.scores ?? {}).sort()) if (!(m in current.scores)) parts.push(`${m} not measured (baseline ${score(baseline?.scores[m] as number)})`)
  if (current.latencyMs !== null) parts.push(`latency ${Math.round(current.latencyMs)} ms`)
  if (current.ttftMs !== null) parts.push(`ttft ${Math.round(current.ttftMs)} ms`)
  if (current.tokens !== null) parts.push(`${tokens(current.tokens)} tokens`)
  if (current.costUsd !== null) parts.push(usd(current.costUsd))
  if (current.category !== undefined) parts.push(`category ${current.category}${current.critical ? ', critical' : ''}`)
  else if (current.critical) parts.push('critical')
  if (status) parts.push(`baseline ${status}`)
  return parts.join(' · ')
}

/** The annotation text of a test from its evalgate meta, or null when it has no baseline outcome and no scores. */
export function annotationMessage(meta: EvalgateTaskMeta, fallback?: () => CaseRecord): string | null {
  if (meta.baseline) return annotationText(meta.baseline.current, meta.baseline.baseline, meta.baseline.status)
  if (!fallback || (meta.calls.length === 0 && meta.matchers.length === 0)) return null
  return annotationText(fallback(), null)
}

/** One annotation (junit `<property>`): `type` is the property name, `message` its value. */
export interface MetricAnnotation {
  type: string
  message: string
}

const round = (x: number, digits = 4) => String(Math.round(x * 10 ** digits) / 10 ** digits)

/**
 * The per-metric annotations of a case: `evalgate.<metric>` = current score, `evalgate.baseline.<metric>`
 * = baseline score (when there is one), then status, latency, tokens and cost. Sorted, stable names.
 */
export function metricAnnotations(current: CaseRecord, baseline: CaseRecord | null, status?: string): MetricAnnotation[] {
  const out: MetricAnnotation[] = []
  const metrics = [...new Set([...Object.keys(current.scores), ...Object.keys(baseline?.scores ?? {})])].sort()
  for (const m of metrics) {
    const now = current.scores[m]
    const before = baseline?.scores[m]
    out.push({ type: `evalgate.${m}`, message: now === undefined ? 'not measured' : round(now) })
    if (before !== undefined) out.push({ type: `evalgate.baseline.${m}`, message: round(before) })
  }
  if (status) out.push({ type: 'evalgate.status', message: status })
  if (current.latencyMs !== null) out.push({ type: 'evalgate.latency_ms', message: String(Math.round(current.latencyMs)) })
  if (current.ttftMs !== null) out.push({ type: 'evalgate.ttft_ms', message: String(Math.round(current.ttftMs)) })
  if (current.tokens !== null) out.push({ type: 'evalgate.tokens', message: String(current.tokens) })
  if (current.costUsd !== null) out.push({ type: 'evalgate.cost_usd', message: round(current.costUsd, 8) })
  return out
}

/** The per-metric annotations of a test from its meta (see {@link annotationMessage} for the fallback). */
export function metricAnnotationsOf(meta: EvalgateTaskMeta, fallback?: () => CaseRecord): MetricAnnotation[] {
  if (meta.baseline) return metricAnnotations(meta.baseline.current, meta.baseline.baseline, meta.baseline.status)
  if (!fallback || (meta.calls.length === 0 && meta.matchers.length === 0)) return []
  return metricAnnotations(fallback(), null)
}
