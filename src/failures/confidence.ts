/**
 * Calibration (issue 13, item 5): `recordConfidence(p, correct?)` and `record('confidence', p)` (src/meta/record.ts) store the
 * app's confidence as a **non-scored** record (`matcher: 'confidence'`, no `score`): it is excluded from
 * baselines and from the suite gate (a lower confidence is not a quality regression), and feeds only the
 * run's calibration report (ECE over 10 equal-width bins, reliability table; src/stats/calibration.ts).
 * Correctness: the `correct` argument when given; else the case's 0/1 score named `correct` or
 * `accuracy` (first trial's record); else whether the test passed.
 */
import type { MatcherRecord } from '../meta/index.js'
import { calibration, type CalibrationPoint, type CalibrationReport } from '../stats/calibration.js'


interface CaseLike {
  name: string
  state: string
  meta: { matchers: readonly MatcherRecord[] }
}

/** The calibration points of the run's cases (one per confidence record). */
export function calibrationPoints(tests: readonly CaseLike[]): CalibrationPoint[] {
  const out: CalibrationPoint[] = []
  for (const t of tests) {
    const scored = t.meta.matchers.find((r) => (r.metric === 'correct' || r.metric === 'accuracy') && (r.score === 0 || r.score === 1))
    for (const r of t.meta.matchers) {
      if (r.matcher !== 'confidence') continue
      const d = r.details as { confidence: number; correct?: 0 | 1 }
      const correct = d.correct ?? (scored ? (scored.score as 0 | 1) : t.state === 'passed' ? 1 : 0)
      out.push({ confidence: d.confidence, correct, label: t.name })
    }
  }
  return out
}

export function runCalibration(tests: readonly CaseLike[]): CalibrationReport | null {
  // Sorted, so the sums (ECE, Brier) do not depend on the order the cases arrive in (shards merged = one run).
  const points = calibrationPoints(tests).sort((a, b) => a.confidence - b.confidence || Number(a.correct) - Number(b.correct) || (a.label ?? '').localeCompare(b.label ?? ''))
  return points.length ? calibration(points, { bins: 10 }) : null
}

const p1 = (x: number | null) => (x === null ? '—' : x.toFixed(2))

export function calibrationLines(c: CalibrationReport | null | undefined): string[] {
  if (!c) return []
  const rows = c.rows.filter((r) => r.n > 0).map((r) => `[${r.lower.toFixed(1)}, ${r.upper.toFixed(1)}${r.bin === c.bins - 1 ? ']' : ')'} n=${r.n} conf ${p1(r.meanConfidence)} acc ${p1(r.accuracy)} gap ${r.gap === null ? '—' : (r.gap >= 0 ? '+' : '') + r.gap.toFixed(2)}`)
  return [`calibration: ECE ${c.ece.toFixed(3)} (${c.bins} bins) · MCE ${c.mce.toFixed(3)} · Brier ${c.brier.toFixed(3)} · accuracy ${c.accuracy.toFixed(2)} vs mean confidence ${c.meanConfidence.toFixed(2)} · n=${c.n}`, ...rows.map((r) => `  ${r}`)]
}
