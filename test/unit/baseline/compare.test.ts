import { describe, expect, test } from 'vitest'
import { compareCase, formatRegressions, noisyMetrics } from '../../../src/baseline/compare.js'
import { buildCaseRecord } from '../../../src/baseline/record.js'
import { caseKey } from '../../../src/baseline/keys.js'
import { diffFingerprints } from '../../../src/baseline/fingerprint.js'
import { emptyFingerprint } from '../../../src/baseline/file.js'
import type { CaseRecord } from '../../../src/baseline/types.js'
import type { CallMeasurement } from '../../../src/measure/types.js'
import { stableHash } from '../../../src/util/stable.js'
import { createHash } from 'node:crypto'

const base: CaseRecord = { scores: { pass: 1, accuracy: 1, toMatchSchema: 0.8 }, latencyMs: 100, ttftMs: 50, tokens: 200, costUsd: 0.001, outputHash: 'h' }

describe('compareCase', () => {
  test('a drop beyond the tolerance is a regression; within it is not', () => {
    const now = { ...base, scores: { pass: 1, accuracy: 1, toMatchSchema: 0.7 } }
    expect(compareCase(base, now)).toEqual([{ metric: 'toMatchSchema', baseline: 0.8, current: 0.7, delta: expect.closeTo(-0.1, 9), kind: 'score', limit: 0, rule: 'exact' }])
    expect(compareCase(base, now, { tolerance: 0.1 })).toEqual([])
    expect(compareCase(base, now, { tolerance: { toMatchSchema: 0.2 } })).toEqual([])
    expect(compareCase(base, now, { tolerance: 0.5, critical: true })).toHaveLength(1)
  })
  test('missing metrics and ratio limits', () => {
    const now: CaseRecord = { ...base, scores: { pass: 1, accuracy: 1 }, latencyMs: 180 }
    const r = compareCase(base, now, { latencyRatio: 1.5 })
    expect(r.map((x) => `${x.kind}:${x.metric}`)).toEqual(['missing:toMatchSchema', 'ratio:latencyMs'])
    expect(formatRegressions(r)).toEqual(['toMatchSchema: 0.80 in the baseline, not measured now', 'latencyMs: 100 ms → 180 ms (×1.80, limit ×1.5)'])
    expect(compareCase(base, now, { skip: new Set(['toMatchSchema']) })).toEqual([])
  })
  test('improvements are never regressions', () => {
    expect(compareCase({ ...base, scores: { pass: 0, accuracy: 0 } }, base)).toEqual([])
  })
})

describe('buildCaseRecord', () => {
  const call = (o: Partial<CallMeasurement>): CallMeasurement => ({ kind: 'chat', model: 'm', stream: false, startedAt: 0, totalMs: 100, ttftMs: null, promptTokens: 10, completionTokens: 5, totalTokens: 15, tokensPerSecond: null, attempts: 1, ok: true, ...o })
  test('means over trials, live calls only for latency, judge calls out of tokens, priced cost', () => {
    const r = buildCaseRecord(
      {
        calls: [call({ totalMs: 100, outputHash: 'b' }), call({ totalMs: 300, stream: true, ttftMs: 40, outputHash: 'a' }), call({ cached: true, totalMs: 5 }), call({ kind: 'judge', model: 'j', promptTokens: 100, completionTokens: 0 })],
        matchers: [
          { matcher: 'toMatchSchema', pass: true, score: 1, trial: 0 },
          { matcher: 'toMatchSchema', pass: true, score: 0.5, trial: 1 },
          { matcher: 'record', metric: 'accuracy', pass: true, score: 1 },
          { matcher: 'toStayUnderLatency', pass: true },
        ],
        case: { category: 'billing', critical: true },
      },
      { passed: true, pricing: { m: { input: 1, output: 2 }, j: { input: 10, output: 10 } } },
    )
    expect(r).toMatchObject({ category: 'billing', critical: true, scores: { pass: 1, toMatchSchema: 0.75, accuracy: 1 }, trials: { toMatchSchema: [1, 0.5] }, latencyMs: 200, ttftMs: 40, tokens: 45 })
    // 3 model calls × (10·1 + 5·2) / 1e6 + judge 100·10 / 1e6
    expect(r.costUsd).toBeCloseTo(0.00006 + 0.001, 10)
    expect(r.outputHash).toMatch(/^[0-9a-f]{16}$/)
    // The hash baselines have always stored: the sorted-keys hash of the sorted output hashes (a baseline
    // recorded before must keep matching).
    expect(r.outputHash).toBe(stableHash(['a', 'b'], 16))
    expect(r.outputHash).toBe(createHash('sha256').update('["a","b"]').digest('hex').slice(0, 16))
  })
})

describe('keys and fingerprints', () => {
  test('case keys join the describe chain and prefix the project', () => {
    const file = { name: 'a.test.ts', type: 'suite', filepath: '/x/a.test.ts' }
    const d = { name: 'classify', type: 'suite', suite: file }
    expect(caseKey({ name: 'billing', type: 'test', suite: d })).toBe('classify > billing')
    expect(caseKey({ name: 'billing', type: 'test', suite: d }, 'alpha')).toBe('[alpha] classify > billing')
  })
  test('fingerprint differences are named', () => {
    const a = { ...emptyFingerprint(), prompts: { reply: 'x', classify: 'y' }, models: ['gpt-x'] }
    const b = { ...emptyFingerprint(), prompts: { reply: 'z', classify: 'y', extract: 'w' }, models: ['gpt-y'], retrieval: 'r' }
    expect(diffFingerprints(a, b)).toEqual(['prompt extract added', 'prompt reply changed', 'model gpt-x → gpt-y', 'retrieval configuration added'])
  })
  test('noisy cases (trials disagree, in the baseline or now) are left to the suite gate', () => {
    const b: CaseRecord = { ...base, scores: { pass: 1, accuracy: 2 / 3 }, trials: { accuracy: [1, 1, 0] } }
    const now: CaseRecord = { ...base, scores: { pass: 1, accuracy: 1 / 3 }, trials: { accuracy: [0, 1, 0] } }
    expect(compareCase(b, now)).toEqual([])
    expect(noisyMetrics(b, now)).toEqual(['accuracy'])
    // Noise only in the baseline: still noisy.
    expect(compareCase(b, { ...now, scores: { pass: 1, accuracy: 0 }, trials: { accuracy: [0, 0, 0] } })).toEqual([])
  })
  test('deterministic cases (all trials agree on both sides) keep the exact comparison', () => {
    const b: CaseRecord = { ...base, scores: { pass: 1, accuracy: 1 }, trials: { accuracy: [1, 1, 1] } }
    const now: CaseRecord = { ...base, scores: { pass: 1, accuracy: 0 }, trials: { accuracy: [0, 0, 0] } }
    const r = compareCase(b, now)
    expect(r).toMatchObject([{ metric: 'accuracy', rule: 'exact' }])
    expect(formatRegressions(r)).toEqual(['accuracy: 1.00 → 0.00 (Δ −1.00, exact rule, tolerance 0)'])
  })
  test('a noisy critical case fails only on its exact trial test (Fisher for 0/1 scores)', () => {
    const b: CaseRecord = { ...base, scores: { pass: 1, accuracy: 0.9 }, trials: { accuracy: [1, 1, 1, 1, 1, 1, 1, 1, 1, 0] } }
    const noise: CaseRecord = { ...base, scores: { pass: 1, accuracy: 2 / 3 }, trials: { accuracy: [1, 0, 1] } }
    const drop: CaseRecord = { ...base, scores: { pass: 1, accuracy: 0 }, trials: { accuracy: [0, 0, 0] } }
    expect(compareCase(b, noise, { critical: true })).toEqual([])
    const r = compareCase(b, drop, { critical: true })
    // 9 of 10 right in the baseline, 0 of 3 now: Fisher p = C(4,3)/C(13,3) = 4/286.
    expect(r).toMatchObject([{ metric: 'accuracy', rule: 'trial-test', pValue: expect.closeTo(4 / 286, 12) }])
    expect(formatRegressions(r)[0]).toBe('accuracy: 0.90 → 0.00 (Δ −0.90, critical case, exact trial test p 0.014)')
  })
})
