import { Chalk, type ChalkInstance } from 'chalk'
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

function ms(d: Distribution): string {
  const f = (x: number) => `${Math.round(x)}`
  return `p50 ${f(d.p50)} · p95 ${f(d.p95)} · p99 ${f(d.p99)} · max ${f(d.max)} ms (n=${d.n})`
}

function callLine(c: ChalkInstance, kind: string, s: CallStats): string {
  const parts = [`${c.bold(kind)}: ${s.calls} call(s)${s.failed ? c.red(`, ${s.failed} failed`) : ''}${s.cached ? `, ${s.cached} from cache` : ''}`]
  if (s.latency) parts.push(`latency ${ms(s.latency)}`)
  if (s.ttft) parts.push(`ttft ${ms(s.ttft)}`)
  parts.push(`${s.promptTokens} in / ${s.completionTokens} out tokens`)
  const kinds = Object.entries(s.failuresByKind)
  if (kinds.length) parts.push(c.red(`failures ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`))
  if (s.retriedAttempts) parts.push(c.yellow(`${s.retriedAttempts} attempt(s) retried`))
  return `   ${parts.join(c.dim(' · '))}`
}

/**
 * Run-wide totals of calls (one line per kind) and matcher checks, printed under the per-suite report.
 * Colour follows chalk's detection (NO_COLOR, FORCE_COLOR, TTY); pass `color: false` for plain text.
 * '' without data.
 */
export function formatSummary(summary: RunSummary, options: { color?: boolean } = {}): string {
  const c = options.color === false ? new Chalk({ level: 0 }) : new Chalk()
  if (summary.testsWithData === 0) return ''
  const lines = [c.bold(` all suites`) + c.dim(`  ${summary.testsWithData} of ${summary.tests} test(s) recorded evalgate data`)]
  for (const [kind, stats] of Object.entries(summary.byKind)) if (stats) lines.push(callLine(c, kind, stats))
  const checks = summary.matchers.map((m) => {
    const score = m.meanScore === undefined ? '' : c.dim(` (mean ${m.meanScore.toFixed(2)})`)
    // record() scores are measurements, not checks: they never "pass"; say how many were recorded.
    if (m.metric !== undefined) return `record(${m.metric}): ${m.passed + m.failed} recorded${score}`
    return `${m.matcher}: ${c.green(`${m.passed} passed`)}${m.failed ? `, ${c.red(`${m.failed} failed`)}` : ''}${score}`
  })
  if (checks.length) lines.push(`   ${checks.join(c.dim(' · '))}`)
  return lines.join('\n')
}
