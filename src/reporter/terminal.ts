import { Chalk, type ChalkInstance } from 'chalk'
import type { Distribution } from '../stats/percentile.js'
import type { CallStats, RunSummary } from './summary.js'

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
