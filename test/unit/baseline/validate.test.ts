/** Issue 10 rows 7 and 11: baseline files validated fully; prototype-named keys are ordinary keys. */
import { describe, expect, test } from 'vitest'
import { parseBaseline } from '../../../src/baseline/file.js'

const entry = { scores: { pass: 1 }, latencyMs: 10, ttftMs: null, tokens: 5, costUsd: null, outputHash: 'abc' }
const file = (cases: unknown, extra: object = {}) => JSON.stringify({ version: 1, file: 'a.test.ts', cases, ...extra })

describe('baseline file validation', () => {
  test.each([
    [{ x: { ...entry, scores: {} } }, 'cases["x"].scores must hold at least one score'],
    [{ x: { ...entry, latencyMs: -3 } }, 'cases["x"].latencyMs must be a non-negative number or null, got -3'],
    [{ x: { ...entry, critical: 'yes' } }, 'cases["x"].critical must be true or false, got "yes"'],
    [{ x: { ...entry, outputHash: 42 } }, 'cases["x"].outputHash must be a string or null, got 42'],
    [{ x: { ...entry, scores: { pass: 1.5 } } }, 'cases["x"].scores.pass must be a score within [0, 1], got 1.5'],
    [{ x: { ...entry, trials: { pass: [] } } }, 'cases["x"].trials.pass must be a non-empty array of scores'],
    [{ x: { ...entry, scroes: {} } }, 'cases["x"].scroes is not a field of a baseline entry'],
    [{ x: { latencyMs: 1 } }, 'cases["x"].scores is missing'],
    [{ x: 3 }, 'cases["x"] must be an object, got 3'],
  ])('%j is rejected naming the JSON path', (cases, message) => {
    expect(() => parseBaseline('/p/snapshots/a.json', file(cases))).toThrow(`/p/snapshots/a.json is corrupt: ${message}`)
  })

  test('a fingerprint of the wrong shape names its path', () => {
    expect(() => parseBaseline('f.json', file({}, { fingerprint: { models: 'gpt' } }))).toThrow('fingerprint.models must be an array of strings, got "gpt"')
    expect(() => parseBaseline('f.json', file({}, { fingerprint: { prompts: { a: 1 } } }))).toThrow('fingerprint.prompts.a must be a string, got 1')
    expect(() => parseBaseline('f.json', file({}, { fingerprint: [] }))).toThrow('fingerprint must be an object')
  })

  test('titles that are Object.prototype keys are ordinary, own entries', () => {
    const titles = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']
    const text = `{"version":1,"cases":{${titles.map((t) => `${JSON.stringify(t)}:${JSON.stringify(entry)}`).join(',')}}}`
    const parsed = parseBaseline('f.json', text)
    expect(Object.keys(parsed.cases).sort()).toEqual([...titles].sort())
    for (const t of titles) expect(parsed.cases[t]!.scores.pass).toBe(1)
    expect(Object.hasOwn(parseBaseline('f.json', file({})).cases, 'constructor')).toBe(false)
  })
})
