/**
 * Scores by input length (issue 13, item 6): cases bucketed by their prompt tokens (mean over the case's
 * model calls with usage, judge calls excluded) in power-of-two buckets (< 128, 128–255, 256–511, …), with
 * cases without usage as `unknown`. Per bucket: cases, pass rate and the mean of the cases' mean score.
 */
import type { CallMeasurement } from '../measure/types.js'
import type { MatcherRecord } from '../meta/index.js'

export interface LengthBucket {
  bucket: string
  /** Lower bound in tokens (−1 for unknown). */
  lower: number
  n: number
  passRate: number
  /** Mean over cases of their mean recorded score; null when no case has a score. */
  meanScore: number | null
}

interface CaseLike {
  state: string
  meta: { calls: readonly CallMeasurement[]; matchers: readonly MatcherRecord[] }
}

export function bucketOf(tokens: number): { bucket: string; lower: number } {
  if (tokens < 128) return { bucket: '<128', lower: 0 }
  const lower = 2 ** Math.floor(Math.log2(tokens))
  return { bucket: `${lower}–${lower * 2 - 1}`, lower }
}

export function scoresByLength(tests: readonly CaseLike[]): LengthBucket[] {
  const groups = new Map<string, { lower: number; pass: number[]; scores: number[] }>()
  for (const t of tests) {
    if (t.state !== 'passed' && t.state !== 'failed') continue
    const prompts = t.meta.calls.filter((c) => c.kind !== 'judge' && typeof c.promptTokens === 'number').map((c) => c.promptTokens as number)
    const b = prompts.length ? bucketOf(prompts.reduce((a, x) => a + x, 0) / prompts.length) : { bucket: 'unknown', lower: -1 }
    const g = groups.get(b.bucket) ?? { lower: b.lower, pass: [], scores: [] }
    g.pass.push(t.state === 'passed' ? 1 : 0)
    const s = t.meta.matchers.filter((r) => typeof r.score === 'number').map((r) => r.score as number)
    if (s.length) g.scores.push([...s].sort((a, b) => a - b).reduce((a, x) => a + x, 0) / s.length)
    groups.set(b.bucket, g)
  }
  // Summed in ascending order: the same figures whatever order the cases arrive in (shards merged = one run).
  const mean = (xs: number[]) => [...xs].sort((a, b) => a - b).reduce((a, x) => a + x, 0) / xs.length
  return [...groups.entries()]
    .map(([bucket, g]) => ({ bucket, lower: g.lower, n: g.pass.length, passRate: mean(g.pass), meanScore: g.scores.length ? mean(g.scores) : null }))
    .sort((a, b) => (a.lower < 0 ? 1 : b.lower < 0 ? -1 : a.lower - b.lower))
}

export function lengthLines(buckets: readonly LengthBucket[] | undefined): string[] {
  if (!buckets || buckets.length < 2) return []
  const parts = buckets.map((b) => `${b.bucket} n=${b.n} pass ${(b.passRate * 100).toFixed(0)}% score ${b.meanScore === null ? '—' : b.meanScore.toFixed(2)}`)
  return [`by prompt tokens: ${parts.join(' · ')}`]
}
