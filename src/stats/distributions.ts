/**
 * Distribution functions used by the gate: standard normal CDF and quantile, Student t CDF and
 * quantile, binomial tails. Pure and dependency-free.
 */
import { logGamma, regularizedBeta } from './special.js'

/**
 * Standard normal CDF Φ(x). For |x| < 3 Hart's algorithm 5666 as given by West (2005, "Better
 * approximations to cumulative normal functions"); beyond, Laplace's continued fraction for the
 * Mills ratio (40 terms). Relative error about 1e-14 everywhere, the far tails included.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('normalCdf: x is NaN')
  const ax = Math.abs(x)
  const e = Math.exp((-ax * ax) / 2)
  let tail: number
  if (ax < 3) {
    let num = 3.52624965998911e-2 * ax + 0.700383064443688
    num = num * ax + 6.37396220353165
    num = num * ax + 33.912866078383
    num = num * ax + 112.079291497871
    num = num * ax + 221.213596169931
    num = num * ax + 220.206867912376
    let den = 8.83883476483184e-2 * ax + 1.75566716318264
    den = den * ax + 16.064177579207
    den = den * ax + 86.7807322029461
    den = den * ax + 296.564248779674
    den = den * ax + 637.333633378831
    den = den * ax + 793.826512519948
    den = den * ax + 440.413735824752
    tail = (e * num) / den
  } else {
    // Φ(−x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))), evaluated from the inside out.
    let b = ax
    for (let k = 40; k >= 1; k--) b = ax + k / b
    tail = e / b / Math.sqrt(2 * Math.PI)
  }
  return x > 0 ? 1 - tail : tail
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239]
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
const P_LOW = 0.02425

function poly(coefficients: readonly number[], x: number): number {
  let value = 0
  for (const c of coefficients) value = value * x + c
  return value
}

/**
 * Standard normal quantile Φ⁻¹(p): Acklam's rational approximation (relative error 1.15e-9)
 * refined by one Halley step against {@link normalCdf}, giving close to full double precision.
 * Returns −Infinity for p = 0 and Infinity for p = 1. Example: normalQuantile(0.95) = 1.6448536…
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`normalQuantile: p must be within 0..1, got ${p}`)
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  let x: number
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p))
    x = poly(C, q) / (poly(D, q) * q + 1)
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5
    const r = q * q
    x = (poly(A, r) * q) / (poly(B, r) * r + 1)
  } else {
    const q = Math.sqrt(-2 * Math.log1p(-p))
    x = -poly(C, q) / (poly(D, q) * q + 1)
  }
  // One Halley step on Φ(x) − p; above the median Φ(x) − p is taken as (1 − p) − Φ(−x) to avoid cancellation.
  const e = p > 0.5 ? 1 - p - normalCdf(-x) : normalCdf(x) - p
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2)
  return x - u / (1 + (x * u) / 2)
}

function assertDf(df: number, where: string): void {
  if (!(df > 0)) throw new RangeError(`${where}: degrees of freedom must be > 0, got ${df}`)
}

/** Beyond this many degrees of freedom the t distribution is treated as standard normal (|Δq| < 1e-6). */
const NORMAL_DF = 1e7

/** Upper tail P(T > t) of Student's t with `df` degrees of freedom, for t ≥ 0, accurate in the far tail. */
function tUpperTail(t: number, df: number): number {
  if (t === Infinity) return 0
  const t2 = t * t
  if (t2 >= df) return 0.5 * regularizedBeta(df / (df + t2), df / 2, 0.5)
  // Near the centre evaluate the complement directly, from t²/(df + t²), to keep precision.
  return 0.5 * (1 - regularizedBeta(t2 / (df + t2), 0.5, df / 2))
}

/** Student t CDF P(T ≤ t) with `df` > 0 degrees of freedom (df may be fractional or Infinity). */
export function tCdf(t: number, df: number): number {
  assertDf(df, 'tCdf')
  if (Number.isNaN(t)) throw new RangeError('tCdf: t is NaN')
  if (df > NORMAL_DF) return normalCdf(t)
  return t >= 0 ? 1 - tUpperTail(t, df) : tUpperTail(-t, df)
}

/** Student t density with `df` degrees of freedom. */
export function tPdf(t: number, df: number): number {
  assertDf(df, 'tPdf')
  if (df > NORMAL_DF) return Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI)
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI)
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df))
}

/**
 * Student t quantile: the t with P(T ≤ t) = p, found by safeguarded Newton iteration on the tail
 * probability (bracketed, falls back to bisection), to about 1e-12 relative. Examples:
 * tQuantile(0.95, 10) = 1.812461…, tQuantile(0.975, 4) = 2.776445…
 */
export function tQuantile(p: number, df: number): number {
  assertDf(df, 'tQuantile')
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`tQuantile: p must be within 0..1, got ${p}`)
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  if (p === 0.5) return 0
  if (df > NORMAL_DF) return normalQuantile(p)
  if (p < 0.5) return -upperQuantile(p, df)
  return upperQuantile(1 - p, df)
}

/** The t ≥ 0 with P(T > t) = q, for 0 < q < 0.5. */
function upperQuantile(q: number, df: number): number {
  let lo = 0
  let hi = Math.max(2, 2 * normalQuantile(1 - q))
  while (tUpperTail(hi, df) > q) {
    lo = hi
    hi *= 2
  }
  let x = Math.min(Math.max(normalQuantile(1 - q), lo), hi)
  for (let i = 0; i < 200; i++) {
    const f = tUpperTail(x, df) - q // decreasing in x
    if (f === 0) return x
    if (f > 0) lo = x
    else hi = x
    let next = x + f / tPdf(x, df)
    if (!(next > lo && next < hi)) next = (lo + hi) / 2
    if (Math.abs(next - x) <= 1e-13 * Math.max(1, Math.abs(x))) return next
    x = next
  }
  return x
}

function assertBinomial(n: number, p: number, where: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${where}: n must be a non-negative integer, got ${n}`)
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`${where}: p must be within 0..1, got ${p}`)
}

/** Binomial probability P(X = k) for X ~ Binomial(n, p), computed in log space (no overflow). */
export function binomialPmf(k: number, n: number, p: number): number {
  assertBinomial(n, p, 'binomialPmf')
  if (!Number.isInteger(k) || k < 0 || k > n) return 0
  if (p === 0) return k === 0 ? 1 : 0
  if (p === 1) return k === n ? 1 : 0
  const logChoose = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1)
  return Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p))
}

/**
 * Upper binomial tail P(X ≥ k) for X ~ Binomial(n, p = 0.5 by default), by summing the point
 * probabilities (exact up to rounding). k ≤ 0 gives 1, k > n gives 0. Example: P(X ≥ 5 | n = 6) = 7/64.
 */
export function binomialUpperTail(k: number, n: number, p = 0.5): number {
  assertBinomial(n, p, 'binomialUpperTail')
  if (k <= 0) return 1
  if (k > n) return 0
  let sum = 0
  for (let i = Math.ceil(k); i <= n; i++) sum += binomialPmf(i, n, p)
  return Math.min(1, sum)
}
