import { describe, expect, it } from 'vitest'
import { detectableDrop } from '../../../src/gate/metrics.js'
import { evaluateSuite, trialScores } from '../../../src/gate/index.js'
import { SETTINGS, call, record, suite, test_ } from './helpers.js'

describe('operational numbers', () => {
  it('latency and TTFT percentiles use live model calls only; cached and judge calls are counted apart', () => {
    const calls = [
      ...Array.from({ length: 20 }, (_, i) => call({ totalMs: (i + 1) * 10, ttftMs: i + 1, stream: true })),
      call({ totalMs: 1, cached: true }),
      call({ totalMs: 5000, kind: 'judge', promptTokens: 100, completionTokens: 20 }),
      call({ totalMs: 9000, ok: false, error: { kind: 'timeout', message: 'timed out' } }),
    ]
    const t = test_({ name: 'a', baseline: record({}, { costUsd: 0.002 }), current: record({}, { costUsd: 0.003 }), calls })
    const o = evaluateSuite(suite([t]), SETTINGS).operational
    expect(o).toMatchObject({ calls: 22, liveCalls: 20, cachedCalls: 1, judgeCalls: 1, costUsd: 0.003, baselineCostUsd: 0.002 })
    expect(o.latency).toMatchObject({ n: 20, p50: 100, p95: 190, p99: 200 })
    expect(o.ttft).toMatchObject({ n: 20, p50: 10, p95: 19, p99: 20 })
    expect(o.tokens).toEqual({ prompt: 220, completion: 110, total: 330, judge: 120, replayed: 15 })
    expect(o.attempts).toEqual({ total: 23, retries: 0, retriedCalls: 0 })
    expect(o.failures.calls).toEqual({ count: 1, of: 23, byKind: { timeout: 1 } })
  })

  it('counts retries (recovered or not), cached judge calls and replayed tokens', () => {
    const calls = [
      call({ attempts: 3, failures: [{ kind: 'server', status: 502, message: '502' }, { kind: 'server', status: 502, message: '502' }] }),
      call({ attempts: 2, ok: false, error: { kind: 'server', status: 502, message: '502' } }),
      call({}),
      call({ kind: 'judge', cached: true, promptTokens: 100, completionTokens: 20 }),
      call({ kind: 'judge', promptTokens: 100, completionTokens: 20 }),
    ]
    const o = evaluateSuite(suite([test_({ name: 'a', baseline: null, current: record({}), calls })]), SETTINGS).operational
    expect(o.attempts).toEqual({ total: 8, retries: 3, retriedCalls: 2 })
    expect(o).toMatchObject({ calls: 3, liveCalls: 2, cachedCalls: 0, judgeCalls: 2, judgeCachedCalls: 1 })
    expect(o.tokens.replayed).toBe(120)
  })

  it('counts failures by kind: format, refusal, judge FAIL, judge error', () => {
    const matchers = [
      { matcher: 'toMatchSchema', pass: false, score: 0.5 },
      { matcher: 'toMatchSchema', pass: true, score: 1 },
      { matcher: 'toRefuse', pass: true, score: 1, details: { refused: true, source: 'heuristic' } },
      { matcher: 'toRefuse', pass: false, score: 0, details: { refused: false, source: 'heuristic' } },
      { matcher: 'toRefuse', pass: false, details: { source: 'judge', fault: 'not_json' } },
      // .not.toRefuse(): stored as written — the refusal failed the assertion, no refusal passed it.
      { matcher: 'toRefuse', pass: false, score: 0, details: { refused: true, negated: true } },
      { matcher: 'toRefuse', pass: true, score: 1, details: { refused: false, negated: true } },
      { matcher: 'toPassRubric', pass: false, score: 0.2 },
      { matcher: 'toPassRubric', pass: false, details: { fault: 'unparseable' } },
      { matcher: 'toPassRubric', pass: true, score: 1 },
    ]
    const t = test_({ name: 'a', baseline: null, current: record({}), matchers })
    const f = evaluateSuite(suite([t]), SETTINGS).operational.failures
    expect(f.format).toEqual({ count: 1, of: 2 })
    expect(f.refusal).toEqual({ count: 2, of: 5 })
    expect(f.judgeFail).toEqual({ count: 1, of: 3 })
    expect(f.judgeError).toEqual({ count: 1, of: 3 })
  })

  it('lists the load runs whose client was saturated, in test order, and nothing when none was', () => {
    const message = 'clientSaturation: the event loop of the process driving the load was late by up to 80 ms'
    const load = (saturated: boolean) => ({
      matcher: 'toStayUnderLatency',
      pass: true,
      details: { mode: 'load', concurrency: 200, ...(saturated ? { clientSaturation: { loopDelayP99Ms: 80, thresholdMs: 15, referenceMs: 300, message } } : {}) },
    })
    const tests = [
      test_({ name: 'quiet', baseline: null, current: record({}), matchers: [load(false)] }),
      test_({ name: 'busy b', baseline: null, current: record({}), matchers: [load(true)] }),
      test_({ name: 'busy a', baseline: null, current: record({}), matchers: [load(true), { matcher: 'toMatchSchema', pass: true, score: 1 }] }),
    ]
    const o = evaluateSuite(suite(tests), SETTINGS).operational
    expect(o.clientSaturation).toEqual([{ test: 'busy b', message }, { test: 'busy a', message }])
    expect(evaluateSuite(suite([tests[0]!]), SETTINGS).operational).not.toHaveProperty('clientSaturation')
  })

  it('no calls: no distributions and no cost', () => {
    const o = evaluateSuite(suite([test_({ name: 'a', baseline: null, current: record({}) })]), SETTINGS).operational
    expect(o).toMatchObject({ calls: 0, latency: null, ttft: null, costUsd: null })
  })

  it('skipped tests are not cases; tests without evalgate data are ignored', () => {
    const s = evaluateSuite(
      suite([
        test_({ name: 'a', baseline: record({}), current: record({}) }),
        { name: 'skipped', state: 'skipped', meta: { calls: [], matchers: [] } },
        { name: 'plain', state: 'passed', meta: { calls: [], matchers: [] } },
      ]),
      SETTINGS,
    )
    expect(s.counts).toMatchObject({ cases: 1, skipped: 1 })
  })

  it('without a baseline meta (baselines off) the current record is built from the test meta', () => {
    const s = evaluateSuite(
      suite([{ name: 'a', state: 'failed', meta: { calls: [], matchers: [{ matcher: 'toMatchSchema', pass: false, score: 0.5 }] } }], { fileMeta: null }),
      SETTINGS,
    )
    expect(s.cases[0]).toMatchObject({ key: 'a', status: 'none', baseline: null, current: { scores: { pass: 0, toMatchSchema: 0.5 } } })
    expect(s.verdict).toBe('no-baseline')
    expect(s.baselinePath).toBeNull()
  })
})

describe('what the gate can see', () => {
  it('sign test: at least 5 flips (α 0.05) of n, and more than the margin', () => {
    expect(detectableDrop({ n: 12, mde: 0, method: 'sign' }, 0.05, 0.02)).toBeCloseTo(5 / 12, 12)
    expect(detectableDrop({ n: 500, mde: 0, method: 'sign' }, 0.05, 0.02)).toBeCloseTo(11 / 500, 12)
    expect(detectableDrop({ n: 4, mde: 0, method: 'sign' }, 0.05, 0.02)).toBeNull()
  })
  it('t-test: the power-based MDE, never below the margin; null below two cases', () => {
    expect(detectableDrop({ n: 30, mde: 0.07, method: 't' }, 0.05, 0.02)).toBe(0.07)
    expect(detectableDrop({ n: 30, mde: 0, method: 't' }, 0.05, 0.02)).toBe(0.02)
    expect(detectableDrop({ n: 1, mde: null, method: 't' }, 0.05, 0.02)).toBeNull()
  })
  it('is reported per metric beside gateSuite`s MDE', () => {
    const tests = Array.from({ length: 12 }, (_, i) => test_({ name: `c${i}`, baseline: record({ a: 1 }), current: record({ a: 1 }) }))
    const m = evaluateSuite(suite(tests), SETTINGS).metrics.find((x) => x.metric === 'a')
    // No observed spread: the honest MDE is the margin alone (a drop must exceed it to be degraded).
    expect(m).toMatchObject({ mde: 0.02, method: 'sign' })
    expect(m?.detectable).toBeCloseTo(5 / 12, 12)
  })
})

describe('trialScores', () => {
  it('uses per-trial scores when present, else the mean score; invalid scores are unusable', () => {
    expect(trialScores(record({ a: 0.5 }, { trials: { a: [0.4, 0.6] } }), 'a')).toEqual([0.4, 0.6])
    expect(trialScores(record({ a: 0.5 }), 'a')).toEqual([0.5])
    expect(trialScores(record({ a: 1.5 }), 'a')).toBeNull()
    expect(trialScores(record({}), 'a')).toBeNull()
    expect(trialScores(null, 'a')).toBeNull()
  })
})
