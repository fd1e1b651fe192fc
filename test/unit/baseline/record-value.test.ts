import { describe, expect, it } from 'vitest'
import { describeValue, record } from '../../../src/meta/record.js'

describe('record() value errors say what was passed', () => {
  it('NaN is NaN, not "null"', () => {
    expect(() => record('accuracy', Number.NaN)).toThrow('evalgate: record("accuracy", …) needs a score within [0, 1], got NaN')
    expect(() => record('accuracy', Infinity)).toThrow('got Infinity')
    expect(() => record('accuracy', 1.5)).toThrow('got 1.5')
    expect(() => record('accuracy', '0.5' as never)).toThrow('got "0.5" (a string)')
    expect(() => record('accuracy', undefined as never)).toThrow('got undefined')
  })
  it('describeValue', () => {
    expect(describeValue(null)).toBe('null')
    expect(describeValue({ a: 1 })).toBe('{"a":1}')
    expect(describeValue(-Infinity)).toBe('-Infinity')
  })
})
