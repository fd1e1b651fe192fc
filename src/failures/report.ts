/** Terminal lines for the run-wide failure taxonomy and the failure-rate gate (plain text; colour by the caller). */
import type { FailureCounts } from './count.js'
import { describeRate, type FailureRateResult } from './gate.js'
import { FAILURE_KINDS } from './types.js'

const pct = (x: number) => `${(x * 100).toFixed(1)}%`

export function failureLines(counts: FailureCounts | undefined, rates: readonly FailureRateResult[] | undefined): string[] {
  if (!counts || counts.n === 0) return []
  const out: string[] = []
  const kinds = FAILURE_KINDS.filter((k) => counts.byKind[k]).map((k) => {
    const c = counts.byKind[k]!
    const subs = Object.entries(c.bySubKind).sort().map(([s, n]) => `${s} ${n}`)
    return `${k} ${c.cases} (${pct(c.rate)})${subs.length ? ` [${subs.join(', ')}]` : ''}`
  })
  if (!kinds.length && !rates?.length) return []
  out.push(`failure kinds (cases of ${counts.n}): ${kinds.length ? kinds.join(' · ') : 'none'}`)
  if (counts.failedCases) {
    const s = counts.severity
    out.push(`severity: minor ${s.minor} · major ${s.major} · catastrophic ${s.catastrophic} · P99 severity ${counts.p99Severity}`)
  }
  for (const [cat, c] of Object.entries(counts.byCategory).sort()) {
    const kinds = FAILURE_KINDS.filter((k) => c.byKind[k]).map((k) => `${k} ${c.byKind[k]}/${c.n}`)
    if (kinds.length) out.push(`  ${cat}: ${kinds.join(' · ')}`)
  }
  for (const r of rates ?? []) out.push(`failure rate ${r.verdict === 'above' ? '✗' : r.verdict === 'below' ? '✓' : '~'} ${describeRate(r)}`)
  return out
}
