import { describe, expect, it } from 'vitest'
import { brierScore, calibration, calibrationBin, CalibrationInputError, createRng } from '../../../src/stats/index.js'
import type { CalibrationPoint } from '../../../src/stats/index.js'

describe('calibrationBin', () => {
  it('puts each edge in the bin it opens and 1 in the last bin', () => {
    expect(calibrationBin(0)).toBe(0)
    expect(calibrationBin(0.0999999)).toBe(0)
    for (let i = 1; i < 10; i++) expect(calibrationBin(i / 10)).toBe(i)
    expect(calibrationBin(0.3)).toBe(3) // 0.1 * 3 would be 0.30000000000000004; the edge is the double 3/10
    expect(calibrationBin(0.30000000000000004)).toBe(3)
    expect(calibrationBin(0.29999999999999993)).toBe(2)
    expect(calibrationBin(1)).toBe(9)
    expect(calibrationBin(0.5, 2)).toBe(1)
    expect(calibrationBin(1, 1)).toBe(0)
  })

  it('settles values that p·bins rounds across an edge', () => {
    for (const bins of [3, 7, 10, 13, 100]) {
      for (let i = 1; i < bins; i++) {
        const edge = i / bins
        const before = edge - Number.EPSILON * edge
        expect(calibrationBin(edge, bins)).toBe(i)
        if (before < edge) expect(calibrationBin(before, bins)).toBe(i - 1)
      }
    }
  })
})

describe('calibration', () => {
  it('computes ECE, MCE, Brier and the reliability rows on a hand-made set', () => {
    const points: CalibrationPoint[] = [
      { confidence: 0.95, correct: 1 },
      { confidence: 0.9, correct: 0 },
      { confidence: 1, correct: true },
      { confidence: 0.25, correct: 0 },
      { confidence: 0.2, correct: 1 },
      { confidence: 0.05, correct: false },
    ]
    const r = calibration(points)
    expect(r.n).toBe(6)
    expect(r.rows).toHaveLength(10)
    const last = r.rows[9]!
    expect(last).toMatchObject({ bin: 9, lower: 0.9, upper: 1, n: 3 })
    expect(last.meanConfidence).toBeCloseTo(0.95, 12)
    expect(last.accuracy).toBeCloseTo(2 / 3, 12)
    expect(last.gap).toBeCloseTo(0.95 - 2 / 3, 12)
    const second = r.rows[2]!
    expect(second).toMatchObject({ n: 2, accuracy: 0.5 })
    expect(second.meanConfidence).toBeCloseTo(0.225, 12)
    expect(r.rows[0]).toMatchObject({ n: 1, meanConfidence: 0.05, accuracy: 0 })
    expect(r.rows[5]).toEqual({ bin: 5, lower: 0.5, upper: 0.6, n: 0, meanConfidence: null, accuracy: null, gap: null })
    // ECE = 3/6·|2/3 − 0.95| + 2/6·|0.5 − 0.225| + 1/6·|0 − 0.05|
    expect(r.ece).toBeCloseTo((3 / 6) * (0.95 - 2 / 3) + (2 / 6) * 0.275 + (1 / 6) * 0.05, 12)
    expect(r.mce).toBeCloseTo(0.95 - 2 / 3, 12)
    const brier = (0.05 ** 2 + 0.9 ** 2 + 0 + 0.25 ** 2 + 0.8 ** 2 + 0.05 ** 2) / 6
    expect(r.brier).toBeCloseTo(brier, 12)
    expect(brierScore(points)).toBeCloseTo(brier, 12)
    expect(r.accuracy).toBeCloseTo(0.5, 12)
  })

  it('is 0 for perfectly calibrated bins and near 0 for a large calibrated simulation', () => {
    const exact = calibration([
      { confidence: 0.5, correct: 1 },
      { confidence: 0.5, correct: 0 },
      { confidence: 1, correct: 1 },
      { confidence: 0, correct: 0 },
    ])
    expect(exact.ece).toBe(0)
    const rng = createRng(13)
    const points: CalibrationPoint[] = []
    for (let i = 0; i < 20_000; i++) {
      const p = rng()
      points.push({ confidence: p, correct: rng() < p ? 1 : 0 })
    }
    expect(calibration(points).ece).toBeLessThan(0.02)
    const overconfident = points.map((pt) => ({ ...pt, confidence: Math.min(1, 0.5 + pt.confidence / 2) }))
    const r = calibration(overconfident)
    expect(r.ece).toBeGreaterThan(0.2)
    expect(r.rows.filter((row) => row.gap !== null).every((row) => (row.gap as number) > 0)).toBe(true)
  })

  it('honours a bin count and rejects a bad one', () => {
    expect(calibration([{ confidence: 0.5, correct: 1 }], { bins: 4 }).rows.map((row) => row.n)).toEqual([0, 0, 1, 0])
    expect(() => calibration([{ confidence: 0.5, correct: 1 }], { bins: 0 })).toThrow(/bins must be an integer within 1..1000, got 0/)
  })

  it('rejects bad input with a clear error naming the point', () => {
    expect(() => calibration([])).toThrow(CalibrationInputError)
    expect(() => calibration([], { where: 'suite.test.ts' })).toThrow(/suite.test.ts: calibration needs at least one point, got an empty list/)
    expect(() => calibration([{ confidence: 0.2, correct: 1 }, { confidence: 1.2, correct: 1, label: 'billing-7' }])).toThrow(
      /point 1 \(billing-7\): confidence must be a number within \[0, 1\], got 1.2/,
    )
    expect(() => calibration([{ confidence: -0.01, correct: 0 }])).toThrow(/point 0: confidence must be a number within \[0, 1\], got -0.01/)
    expect(() => calibration([{ confidence: Number.NaN, correct: 0 }])).toThrow(/confidence must be a number within \[0, 1\], got null/)
    expect(() => calibration([{ confidence: '0.5', correct: 0 } as unknown as CalibrationPoint])).toThrow(/got "0.5"/)
    expect(() => calibration([{ confidence: 0.5, correct: 0.5 } as unknown as CalibrationPoint], { where: 'm' })).toThrow(
      /m: point 0: correct must be 0, 1, true or false, got 0.5/,
    )
    expect(() => calibration([null as unknown as CalibrationPoint])).toThrow(/point 0: expected \{ confidence, correct \}/)
    expect(() => brierScore([])).toThrow(/at least one point/)
  })
})
