import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { loadVerdict } from '../../../bench/report.js'
import { readLoadResult } from '../../../bench/load-result.js'
import { treeRssKiB } from '../../../bench/rss.js'
import type { LoadAccuracyRow } from '../../../bench/load-accuracy.js'

const today = { concurrency: 2, wallMs: 10, samples: [{ totalMs: 5, ttftMs: 300, tokensPerSecond: 100 }, { totalMs: 6, ttftMs: 340, tokensPerSecond: 120 }, { totalMs: 7, ttftMs: null, tokensPerSecond: null, error: { kind: 'timeout', message: 'x' } }] }

describe('readLoadResult (the bench reads LoadResult loosely)', () => {
  test("today's LoadResult: p50s over the calls that have them, faults counted, no optional fields", () => {
    expect(readLoadResult(today)).toEqual({ samples: 3, ttftP50Ms: 320, tokensPerSecondP50: 110, errors: 1 })
  })

  test('picks up an event-loop delay and a saturation warning when the result carries them', () => {
    const r = readLoadResult({ ...today, eventLoopDelay: { p50Ms: 1.234, maxMs: 40 }, clientSaturation: { message: 'the client is the bottleneck' } })
    expect(r.eventLoopDelay).toBe('{"p50Ms":1.23,"maxMs":40}')
    expect(r.saturation).toBe('the client is the bottleneck')
  })

  test("runLoad's own eventLoopDelay and clientSaturation shapes read as a few words", () => {
    const r = readLoadResult({
      ...today,
      eventLoopDelay: { p50Ms: 0.131, p99Ms: 24.6, maxMs: 32.345, meanMs: 0.9, samples: 125 },
      clientSaturation: { loopDelayP99Ms: 24.6, thresholdMs: 18.08, referenceMs: 361.5, message: 'a long sentence' },
    })
    expect(r.eventLoopDelay).toBe('p50 0.13 · p99 24.6 · max 32.35 ms')
    expect(r.saturation).toBe('clientSaturation: event-loop delay p99 24.6 ms > 18.08 ms')
  })

  test('a saturation warning in meta or warnings, or a clientSaturation error kind, counts as the warning, not a fault', () => {
    expect(readLoadResult({ ...today, meta: { saturated: true } }).saturation).toBe('yes')
    expect(readLoadResult({ ...today, warnings: ['client saturation: event loop 80 ms behind'] }).saturation).toBe('client saturation: event loop 80 ms behind')
    const failed = readLoadResult({ samples: [{ ttftMs: null, error: { kind: 'clientSaturation', message: 'client saturated' } }] })
    expect(failed).toMatchObject({ errors: 0, saturation: 'client saturated' })
    expect(readLoadResult({ ...today, clientSaturation: false }).saturation).toBeUndefined()
  })
})

describe('loadVerdict', () => {
  const row = (over: Partial<LoadAccuracyRow>): LoadAccuracyRow => ({ concurrency: 50, samples: 100, rounds: 1, ttftP50Ms: [], medianTtftP50Ms: 310, tokensPerSecondP50: [], medianTokensPerSecondP50: 110, rawTtftP50Ms: [], medianRawTtftP50Ms: 305, errors: 0, ...over })
  test('within 10% of the server TTFT passes; beyond it only with a saturation warning; a failed call never passes', () => {
    expect(loadVerdict(row({}))).toMatch(/^✓/)
    expect(loadVerdict(row({ medianTtftP50Ms: 700 }))).toMatch(/^✗ \(133% off, no warning\)/)
    expect(loadVerdict(row({ medianTtftP50Ms: 700, saturation: 'yes' }))).toBe('✓ (warned)')
    expect(loadVerdict(row({ errors: 2 }))).toBe('✗ (2 call(s) failed)')
  })
})

describe.runIf(process.platform === 'linux')('treeRssKiB', () => {
  test('sums the RSS of a process and its children', async () => {
    expect(treeRssKiB(process.pid)).toBeGreaterThan(0)
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' })
    try {
      await new Promise((r) => setTimeout(r, 300))
      const childRss = treeRssKiB(child.pid as number)
      const self = Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1])
      expect(childRss).toBeGreaterThan(0)
      expect(treeRssKiB(process.pid) - self).toBeGreaterThanOrEqual(childRss * 0.9)
    } finally {
      child.kill()
    }
    expect(treeRssKiB(999_999_999)).toBe(0)
  })
})
