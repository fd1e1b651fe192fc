/** Probe results from the run's records (reporter side) and their terminal lines. Pure. */
import type { MatcherRecord } from '../meta/index.js'
import { summarizeProbes, type PackSummary, type ProbeResult } from './summary.js'

/** One result per probe test (its last `evalProbes` record). */
export function probeResults(tests: ReadonlyArray<{ meta: { matchers: readonly MatcherRecord[] } }>): ProbeResult[] {
  const out: ProbeResult[] = []
  for (const t of tests) {
    const r = [...t.meta.matchers].reverse().find((m) => m.matcher === 'evalProbes')
    if (!r) continue
    const d = r.details ?? {}
    const verdict = d.verdict === 'attacked' || d.verdict === 'resisted' ? d.verdict : 'undecided'
    const fault = d.fault as { kind: string; message: string } | undefined
    out.push({ pack: String(d.pack ?? 'unknown'), detection: { verdict, ...(fault ? { fault } : {}) } })
  }
  return out
}

export function probeSummaries(tests: ReadonlyArray<{ meta: { matchers: readonly MatcherRecord[] } }>): PackSummary[] {
  const results = probeResults(tests)
  return results.length ? summarizeProbes(results) : []
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`

/** `probes injection: attack success 2/17 = 11.8% (95% CI 1.5%–36.4%)`, plus unresolved counts and the worst case. */
export function probeLines(rows: readonly PackSummary[] | undefined): string[] {
  return (rows ?? []).map((r) => {
    const decided = r.attacked + r.resisted
    const rate = r.rate === null || r.ci === null ? 'no probe decided' : `${r.attacked}/${decided} = ${pct(r.rate)} (${Math.round(r.confidence * 100)}% CI ${pct(r.ci[0])}–${pct(r.ci[1])})`
    const open = r.faults + r.undecided
    const tail = open ? `; ${r.faults} fault(s), ${r.undecided} undecided: worst case ${pct(r.worstCaseRate)}` : ''
    return `probes ${r.pack}: attack success ${rate}${tail}`
  })
}
