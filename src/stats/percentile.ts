/**
 * Percentiles by the nearest-rank method: for p in (0, 100], the value at rank ceil(p/100 · n) in the
 * ascending sample (rank 1 for p = 0). Always an observed value, never interpolated, so "p95 = 412 ms"
 * means a real call took 412 ms. Example: for [10, 20, 30, 40] p50 = 20 (rank 2), p95 = 40 (rank 4).
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile: no values')
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be within 0..100, got ${p}`)
  const sorted = [...values].sort((a, b) => a - b)
  return nearestRank(sorted, p)
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
  const sorted = [...values].sort((a, b) => a - b)
  let sum = 0
  for (const v of sorted) sum += v
  return {
    n: sorted.length,
    min: sorted[0] as number,
    p50: nearestRank(sorted, 50),
    p95: nearestRank(sorted, 95),
    p99: nearestRank(sorted, 99),
    max: sorted[sorted.length - 1] as number,
    mean: sum / sorted.length,
  }
}
