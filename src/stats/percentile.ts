import { rankIndex, selectInPlace } from './select.js'

/**
 * Percentiles by the nearest-rank method: for p in (0, 100], the value at rank ceil(p/100 · n) in the
 * ascending sample (rank 1 for p = 0). Always an observed value, never interpolated, so "p95 = 412 ms"
 * means a real call took 412 ms. Example: for [10, 20, 30, 40] p50 = 20 (rank 2), p95 = 40 (rank 4).
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile: no values')
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be within 0..100, got ${p}`)
  return selectInPlace(Float64Array.from(values), rankIndex(values.length, p))
}

/** Nearest-rank percentile of an already ascending-sorted array (no copy, no sort). */
export function nearestRank(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(rank, sorted.length) - 1] as number
}

export interface Distribution {
  n: number
  min: number
  p50: number
  p95: number
  p99: number
  max: number
  mean: number
}

/** Summary of a sample: n, min, p50, p95, p99, max and mean (nearest-rank percentiles). */
export function summarize(values: readonly number[]): Distribution {
  if (values.length === 0) throw new RangeError('summarize: no values')
  // Selection instead of a sort (O(n)): p99 first, then p95 and p50 within the part below it.
  const a = Float64Array.from(values)
  const n = a.length
  let min = Infinity
  let max = -Infinity
  let sum = 0
  for (let i = 0; i < n; i++) {
    const v = a[i] as number
    if (v < min) min = v
    if (v > max) max = v
    sum += v
  }
  const [i50, i95, i99] = [rankIndex(n, 50), rankIndex(n, 95), rankIndex(n, 99)]
  const p99 = selectInPlace(a, i99)
  const p95 = selectInPlace(a, i95, 0, i99)
  const p50 = selectInPlace(a, i50, 0, i95)
  return { n, min, p50, p95, p99, max, mean: sum / n }
}
