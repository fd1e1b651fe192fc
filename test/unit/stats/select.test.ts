import { describe, expect, test } from 'vitest'
import { rankIndex, selectInPlace } from '../../../src/stats/select.js'
import { percentile, summarize } from '../../../src/stats/percentile.js'

// Reference: nearest rank on a full ascending sort.
function byRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[rankIndex(sorted.length, p)] as number
}

let seed = 7
const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32

const shapes: Record<string, (n: number) => number[]> = {
  random: (n) => Array.from({ length: n }, () => rand() * 1000),
  'integers with many ties': (n) => Array.from({ length: n }, () => Math.floor(rand() * 7)),
  ascending: (n) => Array.from({ length: n }, (_, i) => i),
  descending: (n) => Array.from({ length: n }, (_, i) => n - i),
  'all equal': (n) => Array.from({ length: n }, () => 5),
  'organ pipe': (n) => Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
}

describe('selection agrees with a full sort', () => {
  for (const [name, make] of Object.entries(shapes)) {
    test(name, () => {
      for (const n of [1, 2, 3, 5, 20, 101, 1000]) {
        const xs = make(n)
        for (const p of [0, 1, 25, 50, 90, 95, 99, 100]) expect(percentile(xs, p), `${name} n=${n} p${p}`).toBe(byRank(xs, p))
        const s = summarize(xs)
        expect([s.min, s.p50, s.p95, s.p99, s.max], `${name} n=${n}`).toEqual([byRank(xs, 0), byRank(xs, 50), byRank(xs, 95), byRank(xs, 99), byRank(xs, 100)])
        expect(s.mean).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / n, 9)
      }
    })
  }

  test('selectInPlace partitions around k and leaves the input of percentile untouched', () => {
    const xs = shapes.random!(500)
    const copy = [...xs]
    const a = Float64Array.from(xs)
    const v = selectInPlace(a, 123)
    expect(v).toBe(byRank(xs, ((123 + 1) / 500) * 100))
    for (let i = 0; i < 123; i++) expect(a[i]).toBeLessThanOrEqual(v)
    for (let i = 124; i < 500; i++) expect(a[i]).toBeGreaterThanOrEqual(v)
    percentile(xs, 50)
    summarize(xs)
    expect(xs).toEqual(copy)
  })

  test('NaN in the sample does not hang', () => {
    expect(() => summarize([3, Number.NaN, 1, Number.NaN, 2])).not.toThrow()
  })
})
