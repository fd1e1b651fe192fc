/**
 * Inverse of the regularized incomplete beta function (the Beta(a, b) quantile), found by
 * safeguarded Newton iteration on {@link regularizedBeta} inside a shrinking bracket (bisection
 * whenever a Newton step leaves it). Dependency-free; relative precision about 1e-12 wherever
 * regularizedBeta itself is accurate (≈ 1e-14).
 */
import { logGamma, regularizedBeta } from './special.js'

/** Beta(a, b) density at x in (0, 1), in log space. */
function betaLogPdf(x: number, a: number, b: number): number {
  return (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) + logGamma(a + b) - logGamma(a) - logGamma(b)
}

/**
 * The x in [0, 1] with I_x(a, b) = p, for a, b > 0 and p in [0, 1]. p = 0 gives 0 and p = 1 gives 1.
 * Examples: betaQuantile(0.5, 1, 1) = 0.5; betaQuantile(0.95, 1, n) = 1 − 0.05^(1/n).
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`betaQuantile: a and b must be finite and > 0, got ${a}, ${b}`)
  }
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`betaQuantile: p must be within 0..1, got ${p}`)
  if (p === 0) return 0
  if (p === 1) return 1
  // Closed forms: I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b.
  if (b === 1) return Math.pow(p, 1 / a)
  if (a === 1) return -Math.expm1(Math.log1p(-p) / b)
  let lo = 0
  let hi = 1
  let x = a / (a + b) // the mean: a start inside (0, 1)
  for (let i = 0; i < 1000; i++) {
    const f = regularizedBeta(x, a, b) - p // increasing in x
    if (f === 0) return x
    if (f < 0) lo = x
    else hi = x
    const density = Math.exp(betaLogPdf(x, a, b))
    let next = density > 0 && Number.isFinite(density) ? x - f / density : Number.NaN
    if (!(next > lo && next < hi)) next = (lo + hi) / 2
    if (Math.abs(next - x) <= 1e-15 * Math.max(Math.abs(x), Number.MIN_VALUE) || next === lo || next === hi) return next
    x = next
    if (hi - lo <= 1e-15 * hi) return (lo + hi) / 2
  }
  return x
}
