import { describe, expect, it } from 'vitest'
import { normalizeCriteria } from '../../../src/judge/index.js'

describe('normalizeCriteria', () => {
  it('gives ids c1..cN, default weight 1 and critical false, trimmed text', () => {
    expect(normalizeCriteria(['  Acknowledges the double charge ', { criterion: 'Gives clear next steps', weight: 2, critical: true }])).toEqual([
      { id: 'c1', text: 'Acknowledges the double charge', weight: 1, critical: false },
      { id: 'c2', text: 'Gives clear next steps', weight: 2, critical: true },
    ])
  })

  it('rejects an empty list', () => {
    expect(() => normalizeCriteria([])).toThrow(/at least one criterion/)
  })

  it('rejects empty text, naming the index', () => {
    expect(() => normalizeCriteria(['ok', '   '])).toThrow(/criterion 1 \(c2\): text is empty/)
    expect(() => normalizeCriteria([{ criterion: '' }])).toThrow(/criterion 0 \(c1\): text is empty/)
  })

  it('rejects non-positive or non-finite weights, naming the index', () => {
    expect(() => normalizeCriteria(['a', { criterion: 'b', weight: 0 }])).toThrow(/criterion 1 \(c2\): weight must be a finite number > 0, got 0/)
    expect(() => normalizeCriteria([{ criterion: 'a', weight: -1 }])).toThrow(/criterion 0 .*got -1/)
    expect(() => normalizeCriteria([{ criterion: 'a', weight: Number.NaN }])).toThrow(/weight/)
    expect(() => normalizeCriteria([{ criterion: 'a', weight: Number.POSITIVE_INFINITY }])).toThrow(/weight/)
  })

  it('rejects duplicates (case and whitespace insensitive), naming both indexes', () => {
    expect(() => normalizeCriteria(['Be polite', 'Be brief', 'be   POLITE'])).toThrow(/criterion 2 \(c3\) duplicates criterion 0 \(c1\)/)
  })

  it('rejects values of the wrong type', () => {
    expect(() => normalizeCriteria([42 as unknown as string])).toThrow(TypeError)
    expect(() => normalizeCriteria([{ criterion: 'a', critical: 'yes' as unknown as boolean }])).toThrow(/critical must be a boolean/)
  })
})
