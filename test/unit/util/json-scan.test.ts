import { describe, expect, test } from 'vitest'
import { jsonErrorOffset } from '../../../src/schema/json-error.js'
import { scanJson } from '../../../src/util/json-scan.js'

// One JSON scanner: schema/ (extractJson's error positions) and cases/ (case-file lines) both use scanJson.
// A failure points at the first character that cannot continue valid JSON (text.length when it ends early).
const CASES: Array<[string, number | null]> = [
    ["{\"a\":}", 5],
    ["{\"a\" 1}", 5],
    ["[1,2,]", 5],
    ["[1 2]", 3],
    ["\"abc", 4],
    ["\"a\\x\"", 3],
    ["\"a\\u12\"", 3],
    ["-", 1],
    ["1.", 2],
    ["1e", 2],
    ["01", 1],
    ["{\"a\":tru}", 8],
    ["nul", 3],
    ["{", 1],
    ["", 0],
    ["  ", 2],
    ["{\"a\":1}x", 7],
    ["\"\u0001\"", 1],
    ["{\"a\":1,}", 7],
    ["{,}", 1],
    ["[-]", 2],
    ["1.5e+", 5],
    ["{\"a\":\"b\"}}", 9],
    ["true false", 5],
    ["+1", 0],
    ["tRue", 1],
    ["{\"a\":", 5],
    ["{\"k\":[1,{\"x\":-0.5e10}],\"s\":\"a\\\"b\\u00e9\"}", null],
]

describe('scanJson error offsets (the one JSON scanner)', () => {
  test.each(CASES)('%j fails at %s', (text, offset) => {
    expect(jsonErrorOffset(text) ?? null).toBe(offset)
    const scan = scanJson(text, 0)
    expect(scan.ok ? null : scan.offset).toBe(offset)
  })

  test('deep nesting gives a position, not a stack overflow', () => {
    expect(jsonErrorOffset('['.repeat(100_000))).toBe(100_000)
    expect(jsonErrorOffset('['.repeat(50_000) + ']'.repeat(50_000))).toBeUndefined()
  })
})
