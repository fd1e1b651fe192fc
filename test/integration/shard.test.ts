import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { JsonReport } from '../../src/report/json.js'
import { FIXTURES, runVitest } from '../helpers/run-vitest.js'

// test/fixtures/report-shard: three suites with deterministic scores (no model calls); b.eval.ts is degraded
// against its checked-in baseline. The gate must be computed from the merged results (testModules in
// onTestRunEnd), so `--shard` + `--reporter=blob` + `--merge-reports` gives exactly the unsharded result.
const FIXTURE = join(FIXTURES, 'report-shard')
const tmp = mkdtempSync(join(tmpdir(), 'evalgate-shard-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** The evalgate block of the output, without the line naming the JSON file. */
const evalgateBlock = (stdout: string) =>
  stdout
    .slice(stdout.indexOf(' evalgate '))
    .split('\n')
    .filter((l) => !l.includes('JSON report written'))
    .join('\n')

describe('sharded runs', () => {
  test('blob shards merged with --merge-reports give the same gate, summary and JSON report as one run', async () => {
    const whole = await runVitest(FIXTURE, [], { CI: 'true', EVALGATE_JSON: join(tmp, 'whole.json') })
    expect(whole.code, whole.stdout + whole.stderr).toBe(1)
    expect(whole.stdout).toContain(' ✗ evals/b.eval.ts  DEGRADED')

    const blobs = join(tmp, 'blobs')
    const shards = await Promise.all(
      [1, 2].map((i) => runVitest(FIXTURE, [`--shard=${i}/2`, '--reporter=blob', `--outputFile.blob=${join(blobs, `blob-${i}.json`)}`], { CI: 'true', EVALGATE_JSON: join(tmp, `shard-${i}.json`) })),
    )
    for (const s of shards) {
      expect(s.stdout).toContain('evalgate: blob report (shard): the full report and its outputs come from `vitest --merge-reports`.')
      expect(s.stdout).not.toMatch(/^ evalgate /m)
      // The shard holding b.eval.ts fails on the gate already (a suite is a file, and shards split by file).
      const hasB = [...s.tests.keys()].some((name) => name.startsWith('b case'))
      expect(s.code, s.stdout).toBe(hasB ? 1 : 0)
    }
    expect(shards.reduce((n, s) => n + s.tests.size, 0)).toBe(38)

    const merged = await runVitest(FIXTURE, [`--merge-reports=${blobs}`], { CI: 'true', EVALGATE_JSON: join(tmp, 'merged.json') })
    expect(merged.code, merged.stdout + merged.stderr).toBe(1)
    expect(evalgateBlock(merged.stdout)).toBe(evalgateBlock(whole.stdout))
    const wholeJson = readFileSync(join(tmp, 'whole.json'), 'utf8')
    expect(readFileSync(join(tmp, 'merged.json'), 'utf8')).toBe(wholeJson)
    const report = JSON.parse(wholeJson) as JsonReport
    expect(report.suites.map((s) => [s.file, s.verdict])).toEqual([
      ['evals/a.eval.ts', 'inconclusive'],
      ['evals/b.eval.ts', 'degraded'],
      ['evals/c.eval.ts', 'inconclusive'],
    ])
  })
})
