import type { EvalgateTaskMeta } from '../meta/index.js'
import { endpointTiming, type CallMeasurement } from '../measure/types.js'
import { stableHash } from '../util/stable.js'
import type { CaseRecord } from './types.js'

/** USD per one million tokens, by model id. */
export type Pricing = Record<string, { input: number; output: number }>

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits

function callCost(c: CallMeasurement, pricing: Pricing): number | null {
  const price = c.model ? pricing[c.model] : undefined
  if (!price) return null
  return ((c.promptTokens ?? 0) * price.input + (c.completionTokens ?? 0) * price.output) / 1_000_000
}

/**
 * Builds a case's record from its test meta: one score per metric (mean over trials, trials kept when
 * more than one), `pass` from the test outcome, latency/TTFT means over model calls (judge calls excluded;
 * cache hits count with their recorded timing), tokens of model calls, cost of all priced calls, and a hash of the outputs.
 */
export function buildCaseRecord(meta: EvalgateTaskMeta, options: { passed: boolean; pricing?: Pricing }): CaseRecord {
  const byMetric = new Map<string, Map<number, number[]>>()
  for (const r of meta.matchers) {
    if (typeof r.score !== 'number') continue
    const metric = r.metric ?? r.matcher
    const trials = byMetric.get(metric) ?? new Map<number, number[]>()
    const list = trials.get(r.trial ?? 0) ?? []
    list.push(r.score)
    trials.set(r.trial ?? 0, list)
    byMetric.set(metric, trials)
  }
  const scores: Record<string, number> = { pass: options.passed ? 1 : 0 }
  const trials: Record<string, number[]> = {}
  let trialCount = 1
  for (const [metric, perTrial] of byMetric) {
    trialCount = Math.max(trialCount, perTrial.size)
    const values = [...perTrial.keys()].sort((a, b) => a - b).map((t) => round(mean(perTrial.get(t)!)))
    scores[metric] = round(mean(values))
    if (values.length > 1) trials[metric] = values
  }
  // One pass over the calls (this runs for every case of every run).
  let timedCount = 0
  let timedSum = 0
  let ttftCount = 0
  let ttftSum = 0
  let tokens = 0
  let modelCalls = 0
  let outputs: string[] | undefined
  for (const c of meta.calls) {
    if (c.kind === 'judge') continue
    modelCalls++
    tokens += (c.promptTokens ?? 0) + (c.completionTokens ?? 0)
    if (typeof c.outputHash === 'string') (outputs ??= []).push(c.outputHash)
    // Cache hits count with the recorded timing of the original call (replay time is meaningless).
    const t = c.ok ? endpointTiming(c) : null
    if (t === null) continue
    timedCount++
    timedSum += t.totalMs
    if (t.ttftMs !== null) {
      ttftCount++
      ttftSum += t.ttftMs
    }
  }
  const costs = options.pricing ? meta.calls.map((c) => callCost(c, options.pricing!)).filter((v): v is number => v !== null) : []
  return {
    ...(meta.case?.category !== undefined ? { category: meta.case.category } : {}),
    ...(meta.case?.critical ? { critical: true } : {}),
    ...(meta.case?.cluster !== undefined ? { cluster: meta.case.cluster } : {}),
    scores,
    ...(Object.keys(trials).length ? { trials } : {}),
    ...(trialCount > 1 ? { trialCount } : {}),
    latencyMs: timedCount ? round(timedSum / timedCount, 1) : null,
    ttftMs: ttftCount ? round(ttftSum / ttftCount, 1) : null,
    tokens: modelCalls ? tokens : null,
    costUsd: costs.length ? round(costs.reduce((a, b) => a + b, 0), 8) : null,
    outputHash: outputs ? stableHash(outputs.sort(), 16) : null,
  }
}
