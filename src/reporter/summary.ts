import type { EvalgateTaskMeta } from '../meta/index.js'
import type { CallErrorKind, CallKind } from '../measure/types.js'
import { summarize, type Distribution } from '../stats/percentile.js'

/** One test's evalgate data as the reporter sees it. */
export interface TestEntry {
  file: string
  name: string
  state: 'passed' | 'failed' | 'skipped' | 'pending'
  meta: EvalgateTaskMeta
}

export interface CallStats {
  calls: number
  failed: number
  cached: number
  latency?: Distribution
  ttft?: Distribution
  promptTokens: number
  completionTokens: number
  /** Final failures and recovered attempts, by kind. */
  failuresByKind: Partial<Record<CallErrorKind, number>>
  retriedAttempts: number
}

export interface MatcherStats {
  matcher: string
  /** For `record()`: the metric (each metric is its own line; unrelated metrics are never pooled). */
  metric?: string
  passed: number
  failed: number
  meanScore?: number
}

export interface RunSummary {
  tests: number
  testsWithData: number
  byKind: Partial<Record<CallKind, CallStats>>
  matchers: MatcherStats[]
}

function callStats(calls: EvalgateTaskMeta['calls']): CallStats {
  const live = calls.filter((c) => c.ok && !c.cached)
  const totals = live.map((c) => c.totalMs)
  const ttfts = live.map((c) => c.ttftMs).filter((v): v is number => v !== null)
  const failuresByKind: CallStats['failuresByKind'] = {}
  let retriedAttempts = 0
  for (const c of calls) {
    if (c.error) failuresByKind[c.error.kind] = (failuresByKind[c.error.kind] ?? 0) + 1
    retriedAttempts += Math.max(0, c.attempts - 1)
  }
  return {
    calls: calls.length,
    failed: calls.filter((c) => !c.ok).length,
    cached: calls.filter((c) => c.cached).length,
    ...(totals.length ? { latency: summarize(totals) } : {}),
    ...(ttfts.length ? { ttft: summarize(ttfts) } : {}),
    promptTokens: calls.reduce((s, c) => s + (c.promptTokens ?? 0), 0),
    completionTokens: calls.reduce((s, c) => s + (c.completionTokens ?? 0), 0),
    failuresByKind,
    retriedAttempts,
  }
}

/**
 * Aggregates the evalgate meta of every test of a run. Latency statistics use live calls only: a cache hit
 * says nothing about the endpoint's latency. Output order is stable (kinds and matchers sorted).
 */
export function summarizeRun(entries: readonly TestEntry[]): RunSummary {
  const withData = entries.filter((e) => e.meta.calls.length || e.meta.matchers.length)
  const calls = withData.flatMap((e) => e.meta.calls)
  const byKind: RunSummary['byKind'] = {}
  for (const kind of [...new Set(calls.map((c) => c.kind))].sort()) {
    byKind[kind] = callStats(calls.filter((c) => c.kind === kind))
  }
  const records = withData.flatMap((e) => e.meta.matchers)
  // One line per matcher, and per metric for record(): a mean over unrelated metrics means nothing.
  const groupOf = (r: (typeof records)[number]) => (r.matcher === 'record' && r.metric ? `record\u0000${r.metric}` : r.matcher)
  const matchers = [...new Set(records.map(groupOf))].sort().map((group) => {
    const mine = records.filter((r) => groupOf(r) === group)
    const [matcher, metric] = group.split('\u0000') as [string, string | undefined]
    const scores = mine.map((r) => r.score).filter((s): s is number => typeof s === 'number')
    return {
      matcher,
      ...(metric === undefined ? {} : { metric }),
      passed: mine.filter((r) => r.pass).length,
      failed: mine.filter((r) => !r.pass).length,
      ...(scores.length ? { meanScore: scores.reduce((a, b) => a + b, 0) / scores.length } : {}),
    }
  })
  return { tests: entries.length, testsWithData: withData.length, byKind, matchers }
}
