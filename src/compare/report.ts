/**
 * The comparison report (pure): from the finished suites of every candidate project to the head-to-head,
 * the operational numbers, cost, and the decision.
 */
import { buildCaseRecord } from '../baseline/record.js'
import type { SuiteInput } from '../gate/types.js'
import { endpointTiming, type CallMeasurement } from '../measure/types.js'
import { summarize, type Distribution } from '../stats/percentile.js'
import { redactSecrets } from '../util/redact.js'
import { costFigures, qualityPerDollar, type CostFigures } from './cost.js'
import { decide, type Decision, type DecisionCandidate } from './decision.js'
import { headToHead, type HeadToHead, type PairedCase } from './head-to-head.js'
import { keptInput, keptOutputs } from './outputs.js'
import type { CandidateConfig, ResolvedCompare } from './types.js'

export interface CandidateCaseResult {
  id: string
  category?: string
  passed: boolean
  scores: Record<string, number>
  outputs: string[]
  input?: string
}

export interface Operational {
  calls: number
  latencyMs: Distribution | null
  ttftMs: Distribution | null
  tokensPerSecond: number | null
  failureRate: number | null
  failuresByKind: Record<string, number>
  retries: number
  /** Share of multi-trial cases whose score varied by more than 0.05 between trials; null without trials. */
  inconsistentShare: number | null
  /** True when more than 5 % of multi-trial cases varied. */
  consistencyFlag: boolean
}

export interface CandidateReport {
  name: string
  model: string
  /** Why the candidate produced no result (endpoint down…); absent when it ran. */
  failed?: string
  cases: number
  /** Mean of every score metric. */
  scores: Record<string, number>
  operational: Operational
  cost: CostFigures
  /** Mean of `compare.metric` ÷ cost per 1,000 requests. */
  qualityPerDollar: number | null
}

export interface CompareReport {
  version: 1
  reference: string
  metric: string
  candidates: CandidateReport[]
  headToHead: HeadToHead[]
  decision: Decision
  /** Per case, per candidate: scores and the kept outputs (redacted). */
  cases: Array<{ id: string; category?: string; input?: string; results: Record<string, { passed: boolean; scores: Record<string, number>; outputs: string[] }> }>
  /** Candidates that did not run in this invocation (e.g. `--project` picked others). */
  notRun: string[]
}

interface Collected {
  cases: Map<string, CandidateCaseResult>
  calls: Array<{ call: CallMeasurement; passed: boolean }>
  trials: Array<Record<string, number[]>>
}

/** Per candidate project: its cases (keyed by file and test name, so they pair across projects) and model calls. */
export function collectCandidates(suites: readonly SuiteInput[], names: readonly string[]): Map<string, Collected> {
  const out = new Map<string, Collected>()
  for (const suite of suites) {
    if (!suite.project || !names.includes(suite.project)) continue
    const c: Collected = out.get(suite.project) ?? { cases: new Map(), calls: [], trials: [] }
    out.set(suite.project, c)
    for (const t of suite.tests) {
      if (t.state === 'skipped') continue
      const passed = t.state === 'passed'
      const record = t.meta.baseline?.current ?? buildCaseRecord(t.meta, { passed })
      const id = `${suite.file} > ${t.name}`
      const category = record.category ?? t.meta.case?.category
      c.cases.set(id, { id, ...(category !== undefined ? { category } : {}), passed, scores: { ...record.scores, pass: passed ? 1 : 0 }, outputs: keptOutputs(t.meta) })
      const input = keptInput(t.meta)
      if (input !== undefined) c.cases.get(id)!.input = input
      if (record.trials) c.trials.push(record.trials)
      for (const call of t.meta.calls) if (call.kind !== 'judge') c.calls.push({ call, passed })
    }
  }
  return out
}

function operational(calls: ReadonlyArray<{ call: CallMeasurement }>, trials: ReadonlyArray<Record<string, number[]>>): Operational {
  const timed = calls.filter((c) => c.call.ok).map((c) => endpointTiming(c.call)).filter((t): t is NonNullable<typeof t> => t !== null)
  const ttft = timed.map((t) => t.ttftMs).filter((v): v is number => v !== null)
  const tps = calls.map((c) => c.call.tokensPerSecond).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  const failuresByKind: Record<string, number> = {}
  for (const { call } of calls) if (!call.ok) failuresByKind[call.error?.kind ?? 'other'] = (failuresByKind[call.error?.kind ?? 'other'] ?? 0) + 1
  const failed = calls.filter((c) => !c.call.ok).length
  const varied = trials.filter((t) => Object.values(t).some((xs) => Math.max(...xs) - Math.min(...xs) > 0.05)).length
  const inconsistentShare = trials.length ? varied / trials.length : null
  return {
    calls: calls.length,
    latencyMs: timed.length ? summarize(timed.map((t) => t.totalMs)) : null,
    ttftMs: ttft.length ? summarize(ttft) : null,
    tokensPerSecond: tps.length ? tps.reduce((a, b) => a + b, 0) / tps.length : null,
    failureRate: calls.length ? failed / calls.length : null,
    failuresByKind,
    retries: calls.reduce((s, c) => s + Math.max(0, (c.call.attempts ?? 1) - 1), 0),
    inconsistentShare,
    consistencyFlag: inconsistentShare !== null && inconsistentShare > 0.05,
  }
}

/** Why a candidate that ran has nothing to compare: no case, or every model call failed (the commonest error named). */
function failureReason(c: Collected): string | undefined {
  if (!c.cases.size) return 'no eval case ran'
  const calls = c.calls.map((x) => x.call)
  if (calls.length && calls.every((x) => !x.ok)) {
    const counts = new Map<string, number>()
    for (const x of calls) {
      const why = `${x.error?.kind ?? 'other'}${x.error?.status ? ` ${x.error.status}` : ''}: ${x.error?.message ?? 'unknown error'}`
      counts.set(why, (counts.get(why) ?? 0) + 1)
    }
    const [why] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!
    return redactSecrets(`every model call failed (${calls.length}); ${why}`)
  }
  return undefined
}

const meanOf = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null)

export interface BuildSettings {
  compare: ResolvedCompare
  candidates: Record<string, CandidateConfig>
  alpha: number
  margin: number
  /** Failure rates by kind from elsewhere (e.g. the failure taxonomy: `{ catastrophic: 0.01 }`), per candidate. */
  failureRates?: Record<string, Record<string, number>>
}

export function buildCompareReport(suites: readonly SuiteInput[], s: BuildSettings): CompareReport {
  const names = Object.keys(s.candidates)
  const collected = collectCandidates(suites, names)
  const ran = names.filter((n) => collected.has(n))
  const notRun = names.filter((n) => !collected.has(n))
  const reports: CandidateReport[] = []
  const decisionInputs: DecisionCandidate[] = []
  for (const name of ran) {
    const c = collected.get(name)!
    const failed = failureReason(c)
    const cases = [...c.cases.values()]
    const metricNames = [...new Set(cases.flatMap((x) => Object.keys(x.scores)))].sort()
    const scores: Record<string, number> = {}
    for (const m of metricNames) scores[m] = meanOf(cases.filter((x) => m in x.scores).map((x) => x.scores[m]!))!
    const op = operational(c.calls, c.trials)
    const successes = c.calls.filter((x) => x.call.ok && x.passed).length
    const cost = costFigures(c.calls.map((x) => x.call), successes, s.candidates[name]!.pricing)
    const quality = scores[s.compare.metric] ?? null
    reports.push({ name, model: s.candidates[name]!.model, ...(failed ? { failed } : {}), cases: cases.length, scores, operational: op, cost, qualityPerDollar: qualityPerDollar(quality, cost.per1kRequestsUsd) })
    const values: Record<string, number | null> = {
      ...scores,
      'latency.p50': op.latencyMs?.p50 ?? null,
      'latency.p95': op.latencyMs?.p95 ?? null,
      'latency.p99': op.latencyMs?.p99 ?? null,
      'ttft.p50': op.ttftMs?.p50 ?? null,
      'ttft.p95': op.ttftMs?.p95 ?? null,
      'ttft.p99': op.ttftMs?.p99 ?? null,
      tokensPerSecond: op.tokensPerSecond,
      'cost.per1k': cost.per1kRequestsUsd,
      'cost.perSuccess': cost.perSuccessUsd,
      'cost.evalSet': cost.evalSetUsd,
      'failures.rate': op.failureRate,
    }
    for (const [kind, n] of Object.entries(op.failuresByKind)) values[`failures.${kind}`] = op.calls ? n / op.calls : null
    for (const [kind, rate] of Object.entries(s.failureRates?.[name] ?? {})) values[`failures.${kind}`] = rate
    // A call-level failure kind never seen is a rate of 0 when calls were made (thresholds on it then pass).
    for (const key of Object.keys(s.compare.thresholds)) if (key.startsWith('failures.') && !(key in values) && op.calls && key !== 'failures.catastrophic') values[key] = 0
    const cats = [...new Set(cases.map((x) => x.category).filter((x): x is string => x !== undefined))]
    for (const cat of cats) values[`category:${cat}`] = meanOf(cases.filter((x) => x.category === cat && s.compare.metric in x.scores).map((x) => x.scores[s.compare.metric]!))
    decisionInputs.push({ name, ...(failed ? { failed } : {}), values, metrics: metricNames })
  }
  const refCases = collected.get(s.compare.reference)?.cases
  const h2h: HeadToHead[] = []
  if (refCases && !reports.find((r) => r.name === s.compare.reference)?.failed) {
    for (const name of ran) {
      if (name === s.compare.reference || reports.find((r) => r.name === name)?.failed) continue
      const mine = collected.get(name)!.cases
      const pairs: PairedCase[] = []
      for (const [id, r] of refCases) {
        const m = mine.get(id)
        if (m) pairs.push({ id, ...(r.category !== undefined ? { category: r.category } : {}), reference: r.scores, candidate: m.scores })
      }
      h2h.push(headToHead(name, s.compare.reference, pairs, { alpha: s.alpha, margin: s.margin, categoryMetric: s.compare.metric, worstCases: s.compare.worstCases }))
    }
  }
  const decision: Decision =
    ran.length < 2
      ? { choice: null, line: `no decision: a comparison needs two candidates, ${ran.length ? `only ${ran.join(', ')} ran` : 'none ran'}${notRun.length ? ` (not run: ${notRun.join(', ')})` : ''}`, tie: false, table: [] }
      : decide({ reference: s.compare.reference, candidates: decisionInputs, thresholds: s.compare.thresholds, dimensions: s.compare.dimensions, tieWithin: s.compare.tieWithin, ...(s.compare.prefer ? { prefer: s.compare.prefer } : {}) })
  const ids = [...new Set(ran.flatMap((n) => [...collected.get(n)!.cases.keys()]))].sort()
  const cases = ids.map((id) => {
    const results: CompareReport['cases'][number]['results'] = {}
    let category: string | undefined
    let input: string | undefined
    for (const n of ran) {
      const x = collected.get(n)!.cases.get(id)
      if (!x) continue
      category ??= x.category
      input ??= x.input
      results[n] = { passed: x.passed, scores: x.scores, outputs: x.outputs }
    }
    return { id, ...(category !== undefined ? { category } : {}), ...(input !== undefined ? { input } : {}), results }
  })
  return { version: 1, reference: s.compare.reference, metric: s.compare.metric, candidates: reports, headToHead: h2h, decision, cases, notRun }
}
