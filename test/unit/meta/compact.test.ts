import { describe, expect, it } from 'vitest'
import { CALLS_KEPT, compactCalls, packCalls, unpackCalls } from '../../../src/meta/compact.js'
import { readMeta, type EvalgateTaskMeta } from '../../../src/meta/index.js'
import type { CallMeasurement } from '../../../src/measure/types.js'

function call(i: number, extra: Partial<CallMeasurement> = {}): CallMeasurement {
  return {
    kind: 'chat', model: 'm', stream: i % 2 === 0, startedAt: 1_700_000_000_000 + i, totalMs: 10 + i, ttftMs: i % 2 === 0 ? 5 + i : null,
    promptTokens: 7, completionTokens: 3, totalTokens: 10, tokensPerSecond: null, attempts: 1, ok: true, ...extra,
  }
}

describe('compact task meta', () => {
  const calls = [
    ...Array.from({ length: 200 }, (_, i) => call(i)),
    call(200, { ok: false, attempts: 3, error: { kind: 'server', status: 502, message: '502 Bad Gateway' }, failures: [{ kind: 'server', status: 502, message: 'x' }] }),
    call(201, { cached: true, cache: 'hit', recorded: { totalMs: 40, ttftMs: null }, outputHash: 'abc' }),
  ]

  it('a 200-sample load test keeps a summary and one packed line; the reporter sees every call unchanged', () => {
    const meta: EvalgateTaskMeta = { calls: [...calls], matchers: [] }
    expect(compactCalls(meta)).toBe(true)
    expect(meta.calls).toEqual([])
    expect(meta.callLog!.summary).toEqual({ calls: 202, live: 200, cached: 1, failed: 1, retries: 2, latencyMs: { p50: 109, p95: 199, max: 209 }, ttftMs: { p50: 103, p95: 193, max: 203 }, tokens: 2020 })
    expect(typeof meta.callLog!.rows).toBe('string')
    // Test Meta shows a few short lines instead of 202 objects of ~15 fields.
    expect(JSON.stringify(meta, null, 2).split('\n').length).toBeLessThan(40)
    expect(readMeta({ evalgate: meta })!.calls).toEqual(calls)
    expect(unpackCalls(packCalls(calls))).toEqual(calls)
  })

  it(`leaves a test with at most ${CALLS_KEPT} calls as it is`, () => {
    const meta: EvalgateTaskMeta = { calls: calls.slice(0, CALLS_KEPT), matchers: [] }
    expect(compactCalls(meta)).toBe(false)
    expect(meta.calls).toHaveLength(CALLS_KEPT)
    expect(meta.callLog).toBeUndefined()
  })
})
