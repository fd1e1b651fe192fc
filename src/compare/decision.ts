/**
 * The decision framework (pure): hard thresholds, weighted 0–10 dimensions, virtual ties.
 *
 * Metric scores (0–10), per candidate c among the candidates still in the running:
 * - a score metric (`accuracy`, `pass`, …) or a category (`category:<name>`): 10 × mean score;
 * - lower-is-better numbers (`latency.p95`, `latency.p50`, `ttft.p95`, `cost.per1k`, `cost.perSuccess`):
 *   10 × best / value (best = the lowest of all candidates; the best scores 10, twice as slow 5);
 * - `tokensPerSecond`: 10 × value / best (highest);
 * - failure rates (`failures.rate`, `failures.<kind>`): 10 × max(0, 1 − 10 × rate) (10 % failures = 0).
 * A dimension scores the mean of its available metric scores; with none it is `null` (said in `missing`,
 * and the total is the weighted mean over the dimensions that have data, never a zero).
 */
import type { DimensionConfig, Preference, ThresholdRule } from './types.js'

export interface DecisionCandidate {
  name: string
  /** Why the candidate could not be measured (endpoint down…): it cannot be chosen. */
  failed?: string
  /** Values by key; null/absent = no data. */
  values: Record<string, number | null | undefined>
  /** Score metric names measured for it. */
  metrics: string[]
}

export interface DecisionInput {
  reference: string
  candidates: DecisionCandidate[]
  thresholds: Record<string, ThresholdRule>
  dimensions: Record<string, DimensionConfig>
  tieWithin: number
  prefer?: Preference
}

export interface CandidateDecision {
  name: string
  failed?: string
  /** Thresholds missed (or not checkable for lack of data): the candidate is disqualified. */
  disqualified: string[]
  dimensions: Record<string, number | null>
  /** Per dimension, the metrics without data. */
  missing: string[]
  total: number | null
}

export interface Decision {
  /** The chosen candidate, or null when none qualifies. */
  choice: string | null
  /** One line saying what to choose and why. */
  line: string
  tie: boolean
  table: CandidateDecision[]
}

const LOWER_BETTER = /^(latency\.|ttft\.|cost\.)/
const RATE = /^failures\./

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : String(Number(x.toPrecision(3)))
}

/** Threshold problems of one candidate (empty = meets every threshold). */
export function thresholdProblems(c: DecisionCandidate, reference: DecisionCandidate | undefined, thresholds: Record<string, ThresholdRule>): string[] {
  const out: string[] = []
  for (const [key, rule] of Object.entries(thresholds)) {
    const v = c.values[key]
    if (v === null || v === undefined || !Number.isFinite(v)) {
      out.push(`${key}: no data`)
      continue
    }
    if (rule.max !== undefined && v > rule.max) out.push(`${key} ${fmt(v)} > max ${fmt(rule.max)}`)
    if (rule.min !== undefined && v < rule.min) out.push(`${key} ${fmt(v)} < min ${fmt(rule.min)}`)
    if (rule.maxRate !== undefined && v > rule.maxRate) out.push(`${key} rate ${fmt(v)} > maxRate ${fmt(rule.maxRate)}`)
    if (rule.minRatio !== undefined || rule.maxRatio !== undefined) {
      const r = reference?.values[key]
      if (r === null || r === undefined || !Number.isFinite(r) || r === 0) {
        out.push(`${key}: no reference value for a ratio`)
        continue
      }
      const ratio = v / r
      if (rule.minRatio !== undefined && ratio < rule.minRatio) out.push(`${key} ${fmt(v)} is ${fmt(ratio)}× the reference's ${fmt(r)} < minRatio ${fmt(rule.minRatio)}`)
      if (rule.maxRatio !== undefined && ratio > rule.maxRatio) out.push(`${key} ${fmt(v)} is ${fmt(ratio)}× the reference's ${fmt(r)} > maxRatio ${fmt(rule.maxRatio)}`)
    }
  }
  return out
}

/** 0–10 score of one metric key for one candidate, or null without data (see the module comment). */
export function metricScore(key: string, c: DecisionCandidate, pool: readonly DecisionCandidate[]): number | null {
  const v = c.values[key]
  if (v === null || v === undefined || !Number.isFinite(v)) return null
  const others = pool.map((p) => p.values[key]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x))
  if (RATE.test(key)) return 10 * Math.max(0, 1 - 10 * v)
  if (LOWER_BETTER.test(key)) {
    const best = Math.min(...others)
    return v <= 0 ? 10 : (10 * best) / v
  }
  if (key === 'tokensPerSecond') {
    const best = Math.max(...others)
    return best <= 0 ? null : (10 * v) / best
  }
  return 10 * Math.min(1, Math.max(0, v))
}

function dimensionKeys(d: DimensionConfig, c: DecisionCandidate): string[] {
  const keys: string[] = []
  for (const m of d.metrics ?? []) keys.push(...(m === '*' ? c.metrics : [m]))
  for (const cat of d.categories ?? []) keys.push(`category:${cat}`)
  return keys
}

const PREFER_KEY: Record<Preference, string> = { latency: 'latency.p95', failures: 'failures.rate', cost: 'cost.per1k' }

/** Applies thresholds, scores dimensions, ranks, resolves virtual ties, and says the decision in one line. */
export function decide(input: DecisionInput): Decision {
  const ref = input.candidates.find((c) => c.name === input.reference)
  const live = input.candidates.filter((c) => !c.failed)
  const table: CandidateDecision[] = input.candidates.map((c) => {
    if (c.failed) return { name: c.name, failed: c.failed, disqualified: [], dimensions: {}, missing: [], total: null }
    const dimensions: Record<string, number | null> = {}
    const missing: string[] = []
    let sum = 0
    let weights = 0
    for (const [name, d] of Object.entries(input.dimensions)) {
      const keys = dimensionKeys(d, c)
      const scores = keys.map((k) => metricScore(k, c, live))
      keys.forEach((k, i) => scores[i] === null && missing.push(`${name}: ${k}`))
      const have = scores.filter((s): s is number => s !== null)
      const score = have.length ? have.reduce((a, b) => a + b, 0) / have.length : null
      dimensions[name] = score
      if (score !== null) {
        sum += d.weight * score
        weights += d.weight
      }
    }
    return { name: c.name, disqualified: thresholdProblems(c, ref, input.thresholds), dimensions, missing, total: weights > 0 ? sum / weights : null }
  })
  const qualified = table.filter((t) => !t.failed && t.disqualified.length === 0 && t.total !== null).sort((a, b) => b.total! - a.total!)
  const notes = table.filter((t) => t.failed || t.disqualified.length).map((t) => (t.failed ? `${t.name} failed: ${t.failed}` : `${t.name} disqualified: ${t.disqualified.join('; ')}`))
  const tail = notes.length ? ` (${notes.join('; ')})` : ''
  if (!qualified.length) return { choice: null, line: `no candidate to choose: none meets every threshold${tail}`, tie: false, table }
  const top = qualified[0]!
  const tied = qualified.filter((t) => top.total! - t.total! <= input.tieWithin + 1e-9)
  const valueOf = (name: string, key: string) => input.candidates.find((c) => c.name === name)?.values[key]
  let choice = top
  let why: string
  if (tied.length > 1) {
    const scores = tied.map((t) => `${t.name} ${t.total!.toFixed(1)}`).join(' vs ')
    if (input.prefer) {
      const key = PREFER_KEY[input.prefer]
      const withData = tied.filter((t) => typeof valueOf(t.name, key) === 'number')
      if (withData.length) {
        choice = withData.reduce((best, t) => ((valueOf(t.name, key) as number) < (valueOf(best.name, key) as number) ? t : best))
        why = `virtual tie (${scores}, within ${input.tieWithin}), broken by prefer '${input.prefer}': ${tied.map((t) => `${t.name} ${key} ${fmtOr(valueOf(t.name, key))}`).join(' vs ')}`
      } else {
        choice = tied.find((t) => t.name === input.reference) ?? top
        why = `virtual tie (${scores}, within ${input.tieWithin}); prefer '${input.prefer}' has no ${key} data, the ${choice.name === input.reference ? 'reference is kept' : 'higher total wins'}`
      }
    } else {
      choice = tied.find((t) => t.name === input.reference) ?? top
      why = `virtual tie (${scores}, within ${input.tieWithin}) and no \`prefer\`: ${choice.name === input.reference ? 'the reference is kept' : 'the higher total wins'}`
    }
  } else {
    const runnerUp = qualified[1] ?? table.find((t) => t.name !== top.name)
    why = `meets every threshold, ${top.total!.toFixed(1)}${runnerUp ? ` vs ${runnerUp.total === null ? 'n/a' : runnerUp.total.toFixed(1)} (${runnerUp.name})` : ''}`
  }
  const other = qualified.find((t) => t.name !== choice.name) ?? table.find((t) => t.name !== choice.name && !t.failed)
  const cheaper = other ? costNote(valueOf(choice.name, 'cost.per1k'), valueOf(other.name, 'cost.per1k'), other.name) : ''
  return { choice: choice.name, line: `choose ${choice.name}: ${why}${cheaper}${tail}`, tie: tied.length > 1, table }
}

function fmtOr(v: number | null | undefined): string {
  return typeof v === 'number' ? fmt(v) : 'n/a'
}

function costNote(mine: number | null | undefined, theirs: number | null | undefined, other: string): string {
  if (typeof mine !== 'number' || typeof theirs !== 'number' || mine <= 0 || theirs <= 0) return ''
  const ratio = mine < theirs ? theirs / mine : mine / theirs
  return `; ${ratio.toFixed(1)}× ${mine < theirs ? 'cheaper' : 'dearer'} per 1,000 requests than ${other}`
}
