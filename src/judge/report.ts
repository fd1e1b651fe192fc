import type { RubricScore } from './score.js'

/**
 * Plain-text report of a scored rubric (no colours; the glue adds them): one line per criterion —
 * `PASS`/`FAIL`, the criterion (with `[critical]` / `[weight w]` when set) and the judge's reason —
 * then `critical failed: …` when a critical criterion failed, then `score 0.50 (threshold 0.75)`.
 * `threshold` defaults to the one the score was computed with.
 */
export function formatRubricReport(scored: RubricScore, threshold: number = scored.threshold): string {
  const lines = scored.perCriterion.map((c) => {
    const tags = [c.critical ? 'critical' : '', c.weight !== 1 ? `weight ${c.weight}` : ''].filter((t) => t !== '').map((t) => ` [${t}]`)
    const reason = c.reason === '' ? '' : ` — ${c.reason}`
    return `${c.verdict} ${c.text}${tags.join('')}${reason}`
  })
  if (scored.criticalFailures.length > 0) lines.push(`critical failed: ${scored.criticalFailures.join(', ')}`)
  lines.push(`score ${scored.score.toFixed(2)} (threshold ${threshold.toFixed(2)})`)
  return lines.join('\n')
}
