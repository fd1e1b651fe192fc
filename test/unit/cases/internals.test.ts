import { describe, expect, it } from 'vitest'
import { allocate, seatOrder } from '../../../src/cases/allocate.js'
import { lineLocator, scanJson } from '../../../src/util/json-scan.js'
import { formatPath } from '../../../src/util/json-path.js'

describe('allocate (Sainte-Laguë with one seat each first)', () => {
  const strata = [
    { name: 'a', weight: 600, capacity: 600 },
    { name: 'b', weight: 300, capacity: 300 },
    { name: 'c', weight: 100, capacity: 100 },
  ]
  it('is proportional and never takes a seat away as seats grow', () => {
    expect(Object.fromEntries(allocate(strata, 10))).toEqual({ a: 6, b: 3, c: 1 })
    expect(Object.fromEntries(allocate(strata, 2))).toEqual({ a: 1, b: 1, c: 0 })
    let previous = allocate(strata, 0)
    for (let seats = 1; seats <= 60; seats++) {
      const next = allocate(strata, seats)
      for (const [name, count] of previous) expect(next.get(name)).toBeGreaterThanOrEqual(count)
      previous = next
    }
  })
  it('respects capacity and seats already held', () => {
    expect(Object.fromEntries(allocate([{ name: 'a', weight: 10, capacity: 2 }, { name: 'b', weight: 1, capacity: 50 }], 10))).toEqual({ a: 2, b: 8 })
    expect([...seatOrder([{ name: 'a', weight: 1, capacity: 3, initial: 3 }, { name: 'b', weight: 1, capacity: 1 }])]).toEqual(['b'])
  })
})

describe('scanJson', () => {
  it('finds where values start, by path', () => {
    const text = '{\n  "cases": [\n    {"id": "a"},\n    {\n      "id": "b",\n      "tags": ["x", "y"]\n    }\n  ],\n  "a b": true\n}'
    const scan = scanJson(text, 4)
    expect(scan.ok).toBe(true)
    if (!scan.ok) return
    const line = lineLocator(text)
    const at = (path: Array<string | number>): number => line(scan.locations.get(formatPath(path)) ?? -1)
    expect(at(['cases', 0])).toBe(3)
    expect(at(['cases', 1, 'id'])).toBe(5)
    expect(at(['cases', 1, 'tags', 1])).toBe(6)
    expect(at(['a b'])).toBe(9)
  })
  it('points at the first syntax error, as JSON.parse would reject', () => {
    for (const bad of ['{"a":}', '[1,]', '[1 2]', '{"a" 1}', '"\\x"', 'tru', '[1]x', '{"a":1,}', '"a\nb"', '']) {
      expect(() => JSON.parse(bad)).toThrow()
      expect(scanJson(bad, 0).ok).toBe(false)
    }
    expect(scanJson('[\n1,\n2\n3]', 0)).toEqual({ ok: false, offset: 7 })
    for (const good of ['[]', '{}', ' [ {"a": [ ] , "b": {}} ] ', '-1.5e+3', '"\\u00e9\\n"', 'null']) expect(scanJson(good, 3).ok).toBe(true)
  })
})
