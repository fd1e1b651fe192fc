import { describe, expect, it } from 'vitest'
import { cleanParseMessage, jsonErrorOffset, parseJson, positionAt } from '../../../src/schema/json-error.js'

describe('jsonErrorOffset', () => {
  it('agrees with JSON.parse on what is valid', () => {
    const samples = [
      '{}', '[]', ' 0 ', '-0.5e+3', '"\\u00e9\\n"', '{"a":[1,{"b":null}],"c":true}', '01', '1.', '.5', '-',
      '"\\x"', '"\\u12"', '"a\tb"', '[1,]', '{"a" 1}', '{"a":1', 'tru', 'nul', '[1] 2', '', '  ', '"unterminated',
      '{"a":1}}', '[[[]]]', '1e', '1E-2', '"\\/"', '{"":""}', '\u00a0{}',
    ]
    for (const text of samples) {
      let valid = true
      try {
        JSON.parse(text)
      } catch {
        valid = false
      }
      expect(jsonErrorOffset(text) === undefined, text).toBe(valid)
    }
  })

  it('points at the offending character', () => {
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8)
    expect(jsonErrorOffset('[1 2]')).toBe(3)
    expect(jsonErrorOffset('{"a": tru}')).toBe(9)
    expect(jsonErrorOffset('{"a": "x\\q"}')).toBe(9)
    expect(jsonErrorOffset('{"a": 1')).toBe(7)
  })
})

describe('parse helpers', () => {
  it('strips V8 position suffixes and quoted input from messages', () => {
    expect(cleanParseMessage('Expected double-quoted property name in JSON at position 8')).toBe(
      'Expected double-quoted property name',
    )
    expect(cleanParseMessage('Expected \',\' or \'}\' after property value in JSON at position 7 (line 1 column 8)')).toBe(
      "Expected ',' or '}' after property value",
    )
    expect(cleanParseMessage('Unexpected token \'}\', "{"a": tru}" is not valid JSON')).toBe("Unexpected token '}'")
    expect(parseJson('[1,]')).toMatchObject({ ok: false, offset: 3 })
  })

  it('converts offsets to 1-based line/column', () => {
    expect(positionAt('ab\ncd\nef', 4)).toEqual({ offset: 4, line: 2, column: 2 })
    expect(positionAt('ab', 99)).toEqual({ offset: 2, line: 1, column: 3 })
  })
})
