/**
 * Descriptive statistics with explicit small-sample behaviour: an empty sample is an error
 * (there is no honest mean of nothing), a sample of one has zero spread — never NaN.
 */

/** Arithmetic mean. Throws a RangeError for an empty sample. Example: mean([1, 2, 6]) = 3. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean: no values')
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

/**
 * Sample variance with the n − 1 (Bessel) denominator, computed in two passes for stability.
 * Returns 0 for fewer than two values (no spread can be estimated). Example: variance([1, 2, 6]) = 7.
 */
export function variance(values: readonly number[]): number {
  if (values.length < 2) return 0
  const m = mean(values)
  let ss = 0
  let s = 0
  for (const v of values) {
    ss += (v - m) * (v - m)
    s += v - m
  }
  // Corrected two-pass formula: subtracts the rounding error left in the mean.
  return Math.max(0, (ss - (s * s) / values.length) / (values.length - 1))
}

/** Sample standard deviation, √{@link variance}; 0 for fewer than two values. */
export function standardDeviation(values: readonly number[]): number {
  return Math.sqrt(variance(values))
}

/** Standard error of the mean, sd/√n; 0 for fewer than two values (see {@link variance}). */
export function standardError(values: readonly number[]): number {
  return values.length < 2 ? 0 : standardDeviation(values) / Math.sqrt(values.length)
}

/** max − min of a sample; 0 for an empty or one-value sample. Example: range([0.2, 1, 0.5]) = 0.8. */
export function range(values: readonly number[]): number {
  if (values.length === 0) return 0
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return hi - lo
}
