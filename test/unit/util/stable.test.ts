import stringify from 'fast-json-stable-stringify'
import { describe, expect, test } from 'vitest'
import { stableHash, stableStringify } from '../../../src/util/stable.js'

describe('stableStringify', () => {
  test('key-less data (its JSON.stringify path) is written exactly as the sorted-keys serialiser writes it', () => {
    const values: unknown[] = [
      'plain', 'quote " backslash \\ newline \n tab \t', 'unicode é 漢字 \u2028 \u0000', 0, -0, 1.5e-7, NaN, Infinity, -Infinity, true, false, null,
      [], [[]], ['a', null, 3, false], [['echo: hello there', null], [null, null]], [[[['deep']]]], ['b', 'a'],
    ]
    for (const v of values) expect(stableStringify(v)).toBe(stringify(v))
  })
  test('data with objects keeps the sorted keys; arrays holding objects or undefined too', () => {
    expect(stableStringify({ b: 1, a: [2, { d: 1, c: 2 }] })).toBe('{"a":[2,{"c":2,"d":1}],"b":1}')
    expect(stableStringify([{ y: 1, x: 2 }])).toBe('[{"x":2,"y":1}]')
    expect(stableStringify([undefined, 'a'])).toBe(stringify([undefined, 'a']))
    expect(stableHash([['x', null]])).toBe(stableHash(stringify([['x', null]])))
  })
})
