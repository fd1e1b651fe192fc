import { Chalk, type ChalkInstance } from 'chalk'
import type { Distribution } from '../stats/percentile.js'
import type { CallStats, RunSummary } from './summary.js'

function ms(d: Distribution | undefined): string {
  if (!d) return '—'
  const f = (x: number) => `${Math.round(x)}`
  return `p50 ${f(d.p50)} · p95 ${f(d.p95)} · p99 ${f(d.p99)} · max ${f(d.max)} ms (n=${d.n})`
}

function callLines(c: ChalkInstance, kind: string, s: CallStats): string[] {
  const lines = [`  ${c.bold(kind)}: ${s.calls} call(s)${s.failed ? c.red(`, ${s.failed} failed`) : ''}${s.cached ? `, ${s.cached} from cache` : ''}`]
  lines.push(`    latency  ${ms(s.latency)}`)
  if (s.ttft) lines.push(`    ttft     ${ms(s.ttft)}`)
  lines.push(`    tokens   ${s.promptTokens} in / ${s.completionTokens} out`)
  const kinds = Object.entries(s.failuresByKind)
  if (kinds.length) lines.push(c.red(`    failures ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`))
  if (s.retriedAttempts) lines.push(c.yellow(`    retries  ${s.retriedAttempts} attempt(s) retried`))
  return lines
}

/**
 * The evalgate block printed after Vitest's own summary. Colour follows chalk's detection (NO_COLOR,
 * FORCE_COLOR, TTY); pass `color: false` for plain text.
 */
export function formatSummary(summary: RunSummary, options: { color?: boolean } = {}): string {
  const c = options.color === false ? new Chalk({ level: 0 }) : new Chalk()
  if (summary.testsWithData === 0) return ''
  const lines = [c.bold.cyan(' evalgate ') + c.dim(`${summary.testsWithData} of ${summary.tests} test(s) recorded evalgate data`)]
  for (const [kind, stats] of Object.entries(summary.byKind)) if (stats) lines.push(...callLines(c, kind, stats))
  for (const m of summary.matchers) {
    const score = m.meanScore === undefined ? '' : c.dim(` · mean score ${m.meanScore.toFixed(2)}`)
    lines.push(`  ${m.matcher}: ${c.green(`${m.passed} passed`)}${m.failed ? `, ${c.red(`${m.failed} failed`)}` : ''}${score}`)
  }
  return lines.join('\n')
}
