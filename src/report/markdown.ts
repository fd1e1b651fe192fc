/**
 * The GitHub Actions job summary: markdown tables of the gate's decision, appended to
 * `$GITHUB_STEP_SUMMARY`. Pure text; the reporter writes it.
 */
import { failureModesMarkdown } from './failure-modes.js'
import type { MetricGate, RunEvaluation, SuiteEvaluation } from '../gate/types.js'
import { VERDICT_LABEL, interval, percent, percentiles, pValue, ratio, score, signed, tokens, usd } from './format.js'

/** Escapes text for a markdown table cell (pipes, newlines, HTML brackets). */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ')
}

function table(head: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string[] {
  const align = head.map((_, i) => (right.has(i) ? '---:' : '---'))
  return [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)]
}

const icon = (s: SuiteEvaluation): string => (s.failed ? '❌' : s.verdict === 'non-inferior' ? '✅' : s.verdict === 'no-baseline' ? '⚪' : '⚠️')
const verdict = (v: MetricGate['verdict'] | SuiteEvaluation['verdict']): string => (v === 'degraded' ? '**DEGRADED**' : VERDICT_LABEL[v])

function overview(run: RunEvaluation): string[] {
  const rows = run.suites.map((s) => {
    const o = s.operational
    return [
      `${icon(s)} ${cell(s.id)}`,
      verdict(s.verdict) + (s.updated ? ' (updated)' : ''),
      `${s.counts.cases}`,
      s.passRate === null ? '—' : percent(s.passRate),
      `${s.counts.compared}`,
      `${s.counts.new}`,
      s.criticalRegressions.length ? `**${s.criticalRegressions.length}**` : '0',
      o.latency ? percentiles(o.latency) : '—',
      o.tokens.total ? tokens(o.tokens.total) : '—',
      o.costUsd === null ? '—' : usd(o.costUsd),
    ]
  })
  const head = ['suite', 'verdict', 'cases', 'pass rate', 'compared', 'new', 'critical drops', 'latency', 'tokens', 'cost']
  return table(head, rows, new Set([2, 3, 4, 5, 6, 8, 9]))
}

function metricRows(s: SuiteEvaluation): string[] {
  if (s.metrics.length === 0) return ['No case has a baseline yet: nothing was compared.']
  const level = Math.round((s.metrics[0] as MetricGate).ciLevel * 100)
  const rows = s.metrics.map((m) => [
    cell(m.metric),
    `${m.n}`,
    `${m.k}`,
    score(m.baselineMean),
    score(m.currentMean),
    signed(m.meanDiff),
    interval(m.ci),
    pValue(m.pValueAdjusted),
    m.detectable === null ? '—' : score(m.detectable),
    m.method,
    verdict(m.verdict) + (m.unstable ? ' ⚠️ unstable' : ''),
  ])
  const head = ['metric', 'n', 'K', 'baseline', 'now', 'Δ', `${level}% CI`, s.metrics.length > 1 ? 'p (Holm)' : 'p', 'MDE', 'test', 'verdict']
  return table(head, rows, new Set([1, 2, 3, 4, 5, 7, 8]))
}

function categoryRows(s: SuiteEvaluation): string[] {
  const rows = s.metrics.flatMap((m) =>
    m.categories.map((g) => [cell(m.metric), cell(g.category), `${g.n}`, score(g.baselineMean), score(g.currentMean), signed(g.diff), verdict(g.verdict)]),
  )
  if (rows.length === 0) return []
  return ['<details><summary>Categories</summary>', '', ...table(['metric', 'category', 'n', 'baseline', 'now', 'Δ', 'verdict'], rows, new Set([2, 3, 4, 5])), '', '</details>']
}

function suiteSection(s: SuiteEvaluation): string[] {
  const out = [`### ${icon(s)} ${cell(s.id)}: ${verdict(s.verdict)}`, '']
  if (s.reasons.length) out.push(...s.reasons.map((r) => `- ❌ ${cell(r)}`), '')
  out.push(...metricRows(s), '')
  out.push(...categoryRows(s))
  if (s.criticalRegressions.length || s.worst.length) {
    const crit = new Set(s.criticalRegressions.map((r) => r.key))
    const rows = s.worst.map((w) => [cell(w.key) + (crit.has(w.key) ? ' (critical)' : ''), cell(w.metric), score(w.baseline), score(w.current), signed(w.delta)])
    out.push('', '**Worst regressed cases**', '', ...table(['case', 'metric', 'baseline', 'now', 'Δ'], rows, new Set([2, 3, 4])))
  }
  const changed = [...s.changes, ...(s.outputsChanged ? [`outputs changed in ${s.outputsChanged} of ${s.counts.compared} compared cases`] : [])]
  if (changed.length) out.push('', `**What changed:** ${cell(changed.join('; '))}`)
  const f = s.operational.failures
  const kinds = [
    f.format.of ? `format ${ratio(f.format)}` : '',
    f.refusal.of ? `refusal ${ratio(f.refusal)}` : '',
    f.judgeFail.of ? `judge FAIL ${ratio(f.judgeFail)}` : '',
    f.judgeError.count ? `judge error ${ratio(f.judgeError)}` : '',
    f.calls.of ? `call errors ${ratio(f.calls)}${Object.keys(f.calls.byKind).length ? ` (${Object.entries(f.calls.byKind).map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}` : '',
  ].filter(Boolean)
  if (kinds.length) out.push('', `**Failures:** ${kinds.join(' · ')}`)
  if (s.operational.ttft) out.push('', `**Time to first token:** ${percentiles(s.operational.ttft)}`)
  const saturated = s.operational.clientSaturation ?? []
  if (saturated.length) out.push('', '**Load runs limited by the client:**', '', ...saturated.map((x) => `- ⚠️ ${cell(x.test)}: ${cell(x.message)}`))
  if (s.obsolete.length) out.push('', `**Obsolete baseline entries${s.obsoleteRemoved ? ' (removed)' : ''}:** ${cell(s.obsolete.join(', '))}`)
  return out
}

/** The job summary markdown for an evaluated run (ends with a newline). */
export function formatJobSummary(run: RunEvaluation): string {
  const t = run.totals
  const title = run.failed ? '## ❌ evalgate: gate failed' : '## ✅ evalgate: gate passed'
  const out = [title, '']
  if (run.failed) {
    const exit = run.settings.failOnDegraded ? 'The run fails (exit code 1) even if every test passed:' : 'Quality degraded (`gate.failOnDegraded` is off, the exit code is unchanged):'
    out.push(exit, '', ...run.reasons.map((r) => `- ${cell(r)}`), '')
  }
  out.push(`${t.suites} suite(s) · ${t.cases} case(s) · ${t.compared} compared with their baseline · ${t.new} new · α ${run.settings.alpha} · margin ${run.settings.margin}`, '')
  out.push(...overview(run), '')
  for (const s of run.suites) out.push(...suiteSection(s), '')
  out.push(...failureModesMarkdown(run))
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n'
}
