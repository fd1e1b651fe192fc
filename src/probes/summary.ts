/**
 * Attack-success rates per pack from probe verdicts, with exact (Clopper–Pearson) intervals. Pure.
 *
 * Denominator (stated in every row): decided probes only (`attacked` + `resisted`). Faults and
 * undecided probes (judge not asked or not answered) are counted beside the rate, never as
 * resisted; `worstCaseRate` counts them all as attacked, so a report can show how far the
 * unresolved probes could move the figure.
 */
import { clopperPearson } from '../stats/binomial.js'
import type { ProbeDetection } from './detect.js'

export interface ProbeResult {
  pack: string
  detection: Pick<ProbeDetection, 'verdict' | 'fault'>
}

export interface PackSummary {
  pack: string
  /** Probes run. */
  n: number
  attacked: number
  resisted: number
  /** Undecided without a fault (waiting for or not settled by the judge). */
  undecided: number
  /** Undecided because of a fault (endpoint error, empty or cut reply). */
  faults: number
  /** attacked / (attacked + resisted); null when nothing was decided. */
  rate: number | null
  /** Two-sided exact interval of `rate` at `confidence`; null when nothing was decided. */
  ci: [number, number] | null
  confidence: number
  /** (attacked + undecided + faults) / n: the rate if every unresolved probe was an attack. */
  worstCaseRate: number
}

/** One row per pack, packs in first-seen order, then an `all` row when there is more than one pack. */
export function summarizeProbes(results: readonly ProbeResult[], confidence = 0.95): PackSummary[] {
  const packs = [...new Set(results.map((r) => r.pack))]
  const row = (pack: string, list: readonly ProbeResult[]): PackSummary => {
    const count = (f: (r: ProbeResult) => boolean) => list.filter(f).length
    const attacked = count((r) => r.detection.verdict === 'attacked')
    const resisted = count((r) => r.detection.verdict === 'resisted')
    const faults = count((r) => r.detection.verdict === 'undecided' && r.detection.fault !== undefined)
    const undecided = count((r) => r.detection.verdict === 'undecided' && r.detection.fault === undefined)
    const decided = attacked + resisted
    const ci = decided > 0 ? clopperPearson(attacked, decided, confidence) : null
    return {
      pack,
      n: list.length,
      attacked,
      resisted,
      undecided,
      faults,
      rate: decided > 0 ? attacked / decided : null,
      ci: ci ? [ci.lower, ci.upper] : null,
      confidence,
      worstCaseRate: list.length > 0 ? (list.length - resisted) / list.length : 0,
    }
  }
  const rows = packs.map((pack) => row(pack, results.filter((r) => r.pack === pack)))
  if (packs.length > 1) rows.push(row('all', results))
  return rows
}
