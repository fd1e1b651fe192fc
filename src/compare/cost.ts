/**
 * Cost of a candidate (pure). Formulas (all in USD):
 * - tokens pricing: evalSet = Σ over every model call, failed and retried ones included, of
 *   (promptTokens × input + completionTokens × output) / 1e6;
 * - hourly pricing (self-hosted): throughput = Σ completionTokens / Σ call seconds (the serving time the
 *   run measured), evalSet = hourly × Σ call seconds / 3600 (= hourly ÷ throughput × tokens / 3600);
 * - per1kRequests = evalSet / requests × 1000 (requests = every model call made);
 * - perSuccess = evalSet / successes (successes = outputs that counted: ok calls of passing cases).
 * No price or no successful output gives null with the reason, never zero.
 */
import type { CandidatePricing } from './types.js'

export interface CostCall {
  ok: boolean
  totalMs: number
  promptTokens: number | null
  completionTokens: number | null
}

export interface CostFigures {
  basis: 'tokens' | 'hourly' | null
  requests: number
  successes: number
  /** Completion tokens per second of measured serving time (hourly basis only). */
  throughputTps: number | null
  evalSetUsd: number | null
  per1kRequestsUsd: number | null
  perSuccessUsd: number | null
  /** Why a figure is missing. */
  missing?: string
}

export function costFigures(calls: readonly CostCall[], successes: number, pricing: CandidatePricing | undefined): CostFigures {
  const requests = calls.length
  const base = { requests, successes, throughputTps: null as number | null }
  const hasTokens = pricing !== undefined && (pricing.input !== undefined || pricing.output !== undefined)
  if (!pricing || (!hasTokens && pricing.hourly === undefined)) {
    return { ...base, basis: null, evalSetUsd: null, per1kRequestsUsd: null, perSuccessUsd: null, missing: 'no pricing configured' }
  }
  if (requests === 0) return { ...base, basis: hasTokens ? 'tokens' : 'hourly', evalSetUsd: null, per1kRequestsUsd: null, perSuccessUsd: null, missing: 'no model call was made' }
  let evalSetUsd: number
  let basis: 'tokens' | 'hourly'
  let throughputTps: number | null = null
  if (hasTokens) {
    basis = 'tokens'
    evalSetUsd = calls.reduce((s, c) => s + ((c.promptTokens ?? 0) * (pricing.input ?? 0) + (c.completionTokens ?? 0) * (pricing.output ?? 0)) / 1e6, 0)
  } else {
    basis = 'hourly'
    const seconds = calls.reduce((s, c) => s + c.totalMs, 0) / 1000
    const completion = calls.reduce((s, c) => s + (c.completionTokens ?? 0), 0)
    throughputTps = seconds > 0 ? completion / seconds : null
    evalSetUsd = (pricing.hourly! * seconds) / 3600
  }
  const perSuccessUsd = successes > 0 ? evalSetUsd / successes : null
  return {
    basis,
    requests,
    successes,
    throughputTps,
    evalSetUsd,
    per1kRequestsUsd: (evalSetUsd / requests) * 1000,
    perSuccessUsd,
    ...(perSuccessUsd === null ? { missing: 'no successful output (cost per successful output undefined)' } : {}),
  }
}

/** Quality per dollar: quality (mean score in [0, 1]) ÷ cost per 1,000 requests; null without a positive cost. */
export function qualityPerDollar(quality: number | null, per1kRequestsUsd: number | null): number | null {
  if (quality === null || per1kRequestsUsd === null || !(per1kRequestsUsd > 0)) return null
  return quality / per1kRequestsUsd
}
