/**
 * Calibration of reported confidences against 0/1 correctness: expected calibration error (ECE)
 * over equal-width bins, the reliability table behind it, and the Brier score. Pure.
 *
 * Convention (documented, fixed): `bins` equal-width bins over [0, 1] (default 10). Bin i
 * (0-based) holds the confidences p with i/bins ≤ p < (i + 1)/bins; the last bin is closed, so
 * p = 1 falls in it (bin 9 of 10 is [0.9, 1]). Edges are the doubles i/bins, compared exactly (no
 * floating drift from p·bins). ECE = Σ_b (n_b / N) · |accuracy_b − meanConfidence_b| over the
 * non-empty bins (weighted by bin count, as in Guo et al. 2017); MCE is the largest such gap.
 * `gap` in a row is meanConfidence − accuracy: positive means over-confident.
 */

/** One prediction: a confidence in [0, 1] and whether the answer was right (1 / true) or wrong (0 / false). */
export interface CalibrationPoint {
  confidence: number
  correct: 0 | 1 | boolean
  /** Names the point in error messages (a case id, a test name). */
  label?: string
}

/** One row of the reliability table. */
export interface ReliabilityRow {
  /** 0-based bin index. */
  bin: number
  lower: number
  upper: number
  /** Points in the bin (0 for an empty bin: its means are null). */
  n: number
  meanConfidence: number | null
  accuracy: number | null
  /** meanConfidence − accuracy (positive: over-confident); null for an empty bin. */
  gap: number | null
}

export interface CalibrationReport {
  n: number
  bins: number
  /** Expected calibration error, weighted by bin count. */
  ece: number
  /** Maximum calibration error over the non-empty bins. */
  mce: number
  /** Mean of (confidence − correct)², in [0, 1]. */
  brier: number
  /** Overall accuracy and mean confidence. */
  accuracy: number
  meanConfidence: number
  /** Every bin, empty ones included, in order. */
  rows: ReliabilityRow[]
}

export interface CalibrationOptions {
  /** Number of equal-width bins (integer 1..1000, default 10). */
  bins?: number
  /** Where the points come from, for error messages (e.g. a test file or metric name). */
  where?: string
}

/** A point that cannot be scored: names the point (index and label) and what is wrong. */
export class CalibrationInputError extends RangeError {
  override name = 'CalibrationInputError'
}

function describe(point: CalibrationPoint | undefined, index: number, where: string | undefined): string {
  const label = point !== undefined && typeof point.label === 'string' ? ` (${point.label})` : ''
  return `${where !== undefined ? `${where}: ` : ''}point ${index}${label}`
}

function validate(points: readonly CalibrationPoint[], options: CalibrationOptions): Array<{ p: number; y: number }> {
  const where = options.where
  const prefix = where !== undefined ? `${where}: ` : ''
  if (!Array.isArray(points)) throw new CalibrationInputError(`${prefix}calibration needs an array of { confidence, correct } points`)
  if (points.length === 0) throw new CalibrationInputError(`${prefix}calibration needs at least one point, got an empty list`)
  return points.map((point, index) => {
    if (point === null || typeof point !== 'object') throw new CalibrationInputError(`${describe(undefined, index, where)}: expected { confidence, correct }, got ${String(point)}`)
    const { confidence, correct } = point
    if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
      throw new CalibrationInputError(`${describe(point, index, where)}: confidence must be a number within [0, 1], got ${JSON.stringify(confidence) ?? String(confidence)}`)
    }
    let y: number
    if (correct === true || correct === 1) y = 1
    else if (correct === false || correct === 0) y = 0
    else throw new CalibrationInputError(`${describe(point, index, where)}: correct must be 0, 1, true or false, got ${JSON.stringify(correct) ?? String(correct)}`)
    return { p: confidence, y }
  })
}

/** The 0-based bin of confidence p in [0, 1] under the convention above. */
export function calibrationBin(p: number, bins = 10): number {
  assertBins(bins)
  if (!(p >= 0 && p <= 1)) throw new RangeError(`calibrationBin: p must be within [0, 1], got ${p}`)
  let i = Math.min(Math.floor(p * bins), bins - 1)
  // p·bins can round across an edge; settle against the exact edges i/bins.
  while (i > 0 && p < i / bins) i--
  while (i < bins - 1 && p >= (i + 1) / bins) i++
  return i
}

function assertBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new RangeError(`calibration: bins must be an integer within 1..1000, got ${bins}`)
}

/**
 * ECE, MCE, Brier score and the reliability table for confidences beside 0/1 correctness.
 * Throws {@link CalibrationInputError} naming the point for a confidence outside [0, 1] (or not a
 * number), a correctness that is not 0/1/true/false, or an empty list.
 * Example: points (0.9, 1), (0.9, 0) → bin 9 has mean confidence 0.9, accuracy 0.5: ECE = 0.4.
 */
export function calibration(points: readonly CalibrationPoint[], options: CalibrationOptions = {}): CalibrationReport {
  const bins = options.bins ?? 10
  assertBins(bins)
  const scored = validate(points, options)
  const count = new Array<number>(bins).fill(0)
  const sumP = new Array<number>(bins).fill(0)
  const sumY = new Array<number>(bins).fill(0)
  let brier = 0
  let totalP = 0
  let totalY = 0
  for (const { p, y } of scored) {
    const b = calibrationBin(p, bins)
    count[b] = (count[b] as number) + 1
    sumP[b] = (sumP[b] as number) + p
    sumY[b] = (sumY[b] as number) + y
    brier += (p - y) * (p - y)
    totalP += p
    totalY += y
  }
  const n = scored.length
  let ece = 0
  let mce = 0
  const rows: ReliabilityRow[] = []
  for (let b = 0; b < bins; b++) {
    const nb = count[b] as number
    const row: ReliabilityRow = { bin: b, lower: b / bins, upper: (b + 1) / bins, n: nb, meanConfidence: null, accuracy: null, gap: null }
    if (nb > 0) {
      row.meanConfidence = (sumP[b] as number) / nb
      row.accuracy = (sumY[b] as number) / nb
      row.gap = row.meanConfidence - row.accuracy
      ece += (nb / n) * Math.abs(row.gap)
      mce = Math.max(mce, Math.abs(row.gap))
    }
    rows.push(row)
  }
  return { n, bins, ece, mce, brier: brier / n, accuracy: totalY / n, meanConfidence: totalP / n, rows }
}

/** The Brier score alone: mean of (confidence − correct)². Same validation as {@link calibration}. */
export function brierScore(points: readonly CalibrationPoint[], options: Omit<CalibrationOptions, 'bins'> = {}): number {
  const scored = validate(points, options)
  let sum = 0
  for (const { p, y } of scored) sum += (p - y) * (p - y)
  return sum / scored.length
}
