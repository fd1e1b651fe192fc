/** Terminal text of the comparison report (pure). */
import type { CompareReport } from './report.js'

const n2 = (x: number | null | undefined, d = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : 'n/a')
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`
const usd = (x: number | null) => (x === null ? 'n/a' : x === 0 ? '$0' : x >= 0.01 ? `$${x.toFixed(4)}` : `$${x.toPrecision(3)}`)
const ms = (x: number | null | undefined) => (typeof x === 'number' ? `${Math.round(x)}` : 'n/a')

export function formatCompare(r: CompareReport): string {
  const lines: string[] = [` evalgate compare  reference ${r.reference} · ${r.candidates.length} candidate${r.candidates.length === 1 ? '' : 's'} ran${r.notRun.length ? ` · not run: ${r.notRun.join(', ')}` : ''}`]
  lines.push(`   decision    ${r.decision.line}`)
  for (const c of r.candidates) if (c.failed) lines.push(`   ✗ ${c.name} FAILED: ${c.failed}`)
  if (r.decision.table.length) {
    const dims = [...new Set(r.decision.table.flatMap((t) => Object.keys(t.dimensions)))]
    const w = (d: string) => Math.max(11, d.length + 2)
    lines.push(`   ${['candidate'.padEnd(16), ...dims.map((d) => d.padStart(w(d))), 'total'.padStart(6), '  status'].join('')}`)
    for (const t of r.decision.table) {
      const status = t.failed ? 'failed' : t.disqualified.length ? `disqualified: ${t.disqualified.join('; ')}` : t.name === r.decision.choice ? 'chosen' : 'qualified'
      lines.push(`   ${[t.name.padEnd(16), ...dims.map((d) => n2(t.dimensions[d], 1).padStart(w(d))), n2(t.total, 1).padStart(6), `  ${status}`].join('')}`)
      if (t.missing.length) lines.push(`     missing data (not zeroed): ${t.missing.join(', ')}`)
    }
  }
  for (const h of r.headToHead) {
    lines.push(`   ${h.candidate} vs ${h.reference}  ${h.paired} paired cases`)
    for (const m of h.metrics) {
      lines.push(`     ${m.metric.padEnd(14)} ${n2(m.reference)} → ${n2(m.candidate)}  ${signed(m.diff)} [${signed(m.ci[0])}, ${signed(m.ci[1])}]  p ${n2(m.p, 3)}  ${m.method}  ${m.verdict}`)
    }
    for (const c of h.categories) lines.push(`     category ${c.category} (${c.metric}, n=${c.n})  ${n2(c.reference)} → ${n2(c.candidate)}  ${signed(c.diff)}  ${c.verdict}`)
    if (h.underperforming.length) {
      lines.push(`     worse than ${h.reference} on ${h.underperforming.length} case${h.underperforming.length === 1 ? '' : 's'}:`)
      for (const u of h.underperforming.slice(0, 10)) lines.push(`       ${u.id}  ${u.metric} ${n2(u.reference)} → ${n2(u.candidate)}`)
    }
  }
  lines.push(`   ${['operational'.padEnd(16), 'p50'.padStart(6), 'p95'.padStart(6), 'p99'.padStart(6), 'ttft95'.padStart(7), 'tok/s'.padStart(7), 'fail%'.padStart(6), 'retries'.padStart(8), '  failures by kind'].join('')}`)
  for (const c of r.candidates) {
    const o = c.operational
    const kinds = Object.entries(o.failuresByKind).map(([k, v]) => `${k} ${v}`).join(', ')
    lines.push(`   ${[c.name.padEnd(16), ms(o.latencyMs?.p50).padStart(6), ms(o.latencyMs?.p95).padStart(6), ms(o.latencyMs?.p99).padStart(6), ms(o.ttftMs?.p95).padStart(7), n2(o.tokensPerSecond, 0).padStart(7), (o.failureRate === null ? 'n/a' : (o.failureRate * 100).toFixed(1)).padStart(6), String(o.retries).padStart(8), `  ${kinds || '-'}`].join('')}${o.consistencyFlag ? `  ⚠ ${(o.inconsistentShare! * 100).toFixed(0)}% of cases vary over trials` : ''}`)
  }
  lines.push(`   ${['cost'.padEnd(16), 'eval set'.padStart(11), 'per 1k req'.padStart(11), 'per success'.padStart(12), 'quality/$'.padStart(10)].join('')}`)
  for (const c of r.candidates) {
    lines.push(`   ${[c.name.padEnd(16), usd(c.cost.evalSetUsd).padStart(11), usd(c.cost.per1kRequestsUsd).padStart(11), usd(c.cost.perSuccessUsd).padStart(12), n2(c.qualityPerDollar, 1).padStart(10)].join('')}${c.cost.basis === 'hourly' ? `  (hourly ÷ ${n2(c.cost.throughputTps, 0)} tok/s)` : ''}${c.cost.missing ? `  ${c.cost.missing}` : ''}`)
  }
  return lines.join('\n')
}
