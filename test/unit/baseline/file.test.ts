import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { applyBaselineUpdate, BaselineFileError, readBaseline } from '../../../src/baseline/file.js'
import type { CaseRecord } from '../../../src/baseline/types.js'

const dirs: string[] = []
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'evalgate-baseline-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

const rec = (score: number): CaseRecord => ({ scores: { pass: 1, accuracy: score }, latencyMs: 100, ttftMs: null, tokens: 10, costUsd: null, outputHash: 'abc' })

describe('baseline files', () => {
  test('missing file reads as undefined; an update creates it with sorted keys and a trailing newline', async () => {
    const path = join(tmp(), 'nested', 'a.test.ts.json')
    expect(await readBaseline(path)).toBeUndefined()
    await applyBaselineUpdate(path, { file: 'a.test.ts', set: { 'z case': rec(1), 'a case': rec(0.5) }, remove: [] })
    const text = readFileSync(path, 'utf8')
    expect(text.endsWith('}\n')).toBe(true)
    expect(text.indexOf('"a case"')).toBeLessThan(text.indexOf('"z case"'))
    expect((await readBaseline(path))?.cases['a case']?.scores.accuracy).toBe(0.5)
  })

  test('updates merge and remove; an unchanged update does not rewrite', async () => {
    const path = join(tmp(), 'b.json')
    await applyBaselineUpdate(path, { file: 'b', set: { x: rec(1), y: rec(1) }, remove: [] })
    await applyBaselineUpdate(path, { file: 'b', set: { z: rec(0) }, remove: ['x'] })
    expect(Object.keys((await readBaseline(path))!.cases)).toEqual(['y', 'z'])
    expect(await applyBaselineUpdate(path, { file: 'b', set: { z: rec(0) }, remove: [] })).toBe(false)
  })

  test('40 concurrent writers to one file lose nothing and leave no temp or lock files', async () => {
    const dir = tmp()
    const path = join(dir, 'c.json')
    await Promise.all(Array.from({ length: 40 }, (_, i) => applyBaselineUpdate(path, { file: 'c', set: { [`case ${i}`]: rec(i / 40) }, remove: [] })))
    expect(Object.keys((await readBaseline(path))!.cases)).toHaveLength(40)
    expect(readdirSync(dir)).toEqual(['c.json'])
  })

  test('a corrupt file gives an error naming the file and the problem', async () => {
    const dir = tmp()
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"version":1,"cases":{"x":{"scores":{"pass":"yes"}}}}')
    await expect(readBaseline(bad)).rejects.toThrow(BaselineFileError)
    await expect(readBaseline(bad)).rejects.toThrow(`${bad} is corrupt: cases["x"].scores.pass must be a score within [0, 1], got "yes"`)
    writeFileSync(bad, '{"version":1,"cases":{')
    await expect(readBaseline(bad)).rejects.toThrow(/is corrupt: not valid JSON/)
    writeFileSync(bad, '{"version":2,"cases":{}}')
    await expect(readBaseline(bad)).rejects.toThrow(/unsupported version 2/)
  })
})
