/** Score-based (Wilson) confidence bounds for a proportion and for a paired difference of proportions. */

/** A closed interval [lower, upper]. */
export interface Interval {
  lower: number
  upper: number
}

/**
 * Wilson score interval for `successes` out of `n` at normal critical value `z` (z = 1.6449 gives
 * one-sided 95% bounds). Always within [0, 1]; n = 0 gives [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z: number): Interval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`wilsonInterval: n must be a non-negative integer, got ${n}`)
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: successes must be an integer within 0..${n}, got ${successes}`)
  }
  if (n === 0) return { lower: 0, upper: 1 }
  const z2 = z * z
  const centre = (successes + z2 / 2) / (n + z2)
  const half = (z * Math.sqrt((successes * (n - successes)) / n + z2 / 4)) / (n + z2)
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) }
}

/** Counts of a paired 2×2 table of pass/fail outcomes, baseline × candidate. */
export interface PairedTable {
  /** Passed in both runs. */
  bothPass: number
  /** Passed in the baseline, failed in the candidate (a regression). */
  passToFail: number
  /** Failed in the baseline, passed in the candidate (a fix). */
  failToPass: number
  /** Failed in both runs. */
  bothFail: number
}

/**
 * Bounds for the paired difference of pass rates Δ = candidate − baseline = (failToPass − passToFail)/n
 * by Newcombe's hybrid score method for paired data (Newcombe 1998, method 10: Wilson intervals
 * for each rate, combined with the observed phi correlation, no continuity correction). At
 * z = z(1 − α) each end is a one-sided 1 − α bound. Clamped to [−1, 1]; an empty table gives [−1, 1].
 */
export function pairedProportionBounds(table: PairedTable, z: number): Interval {
  const { bothPass: e, passToFail: f, failToPass: g, bothFail: h } = table
  const n = e + f + g + h
  if (n === 0) return { lower: -1, upper: 1 }
  const p1 = (e + f) / n
  const p2 = (e + g) / n
  const w1 = wilsonInterval(e + f, n, z)
  const w2 = wilsonInterval(e + g, n, z)
  const a = (e + f) * (g + h) * (e + g) * (f + h)
  const phi = a === 0 ? 0 : (e * h - f * g) / Math.sqrt(a)
  const diff = p2 - p1
  const down = combine(p2 - w2.lower, w1.upper - p1, phi)
  const up = combine(p1 - w1.lower, w2.upper - p2, phi)
  return { lower: Math.max(-1, diff - down), upper: Math.min(1, diff + up) }
}

function combine(x: number, y: number, phi: number): number {
  return Math.sqrt(Math.max(0, x * x - 2 * phi * x * y + y * y))
}
