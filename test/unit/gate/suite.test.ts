import { describe, expect, it } from 'vitest'
import { evaluateRun, evaluateSuite } from '../../../src/gate/index.js'
import { SETTINGS, binarySuite, fileMeta, fingerprint, record, suite, test_ } from './helpers.js'

describe('suite verdicts', () => {
  it('degraded: 12 of 40 pass/fail cases flip to fail → exact sign test, suite fails, reason names the metric', () => {
    const s = evaluateSuite(suite(binarySuite('accuracy', 40, 12)), SETTINGS)
    const accuracy = s.metrics.find((m) => m.metric === 'accuracy')
    expect(accuracy).toMatchObject({ n: 40, k: 1, method: 'sign', rawVerdict: 'degraded', verdict: 'degraded', baselineMean: 1, currentMean: 0.7 })
    expect(accuracy?.meanDiff).toBeCloseTo(-0.3, 12)
    expect(accuracy?.pValue).toBeCloseTo(0.5 ** 12, 12)
    expect(s.verdict).toBe('degraded')
    expect(s.failed).toBe(true)
    expect(s.reasons).toHaveLength(1)
    expect(s.reasons[0]).toMatch(/^accuracy degraded: 1\.00 → 0\.70 \(Δ −0\.30, 90% CI \[−\d\.\d\d, −\d\.\d\d\], p .*, n=40\)$/)
    expect(s.statusCounts).toEqual({ regressed: 12, matched: 28 })
    expect(s.worst).toHaveLength(5)
    expect(s.worst[0]).toEqual({ key: 'case 000', metric: 'accuracy', baseline: 1, current: 0, delta: -1 })
  })

  it('non-inferior: continuous scores that move by at most ±0.01 (paired t-test)', () => {
    const tests = Array.from({ length: 30 }, (_, i) =>
      test_({ name: `c${i}`, baseline: record({ quality: 0.6 + (i % 5) * 0.05 }), current: record({ quality: 0.6 + (i % 5) * 0.05 + (i % 2 ? 0.01 : -0.01) }) }),
    )
    const s = evaluateSuite(suite(tests), SETTINGS)
    const quality = s.metrics.find((m) => m.metric === 'quality')
    expect(quality).toMatchObject({ method: 't', verdict: 'non-inferior', n: 30 })
    expect(quality?.ci[0]).toBeGreaterThanOrEqual(-0.02)
    // `pass` never changed (30 of 30 pass on both sides) but 30 pass/fail cases cannot prove a 2-point margin.
    expect(s.metrics.find((m) => m.metric === 'pass')?.verdict).toBe('inconclusive')
    expect(s.verdict).toBe('inconclusive')
    expect(s.failed).toBe(false)

    const onlyQuality = evaluateSuite(suite(tests.map((t) => ({ ...t, meta: { ...t.meta, baseline: { ...t.meta.baseline!, baseline: { ...t.meta.baseline!.baseline!, scores: { quality: t.meta.baseline!.baseline!.scores.quality! } } } } }))), SETTINGS)
    expect(onlyQuality.metrics.map((m) => m.metric)).toEqual(['quality'])
    expect(onlyQuality.verdict).toBe('non-inferior')
  })

  it('inconclusive: one flip in ten cases is neither a significant drop nor provably small', () => {
    const s = evaluateSuite(suite(binarySuite('accuracy', 10, 1)), SETTINGS)
    expect(s.metrics.find((m) => m.metric === 'accuracy')?.verdict).toBe('inconclusive')
    expect(s.verdict).toBe('inconclusive')
    expect(s.failed).toBe(false)
    expect(s.reasons).toEqual([])
  })

  it('no-baseline: cases without a baseline record are new and excluded from the comparison', () => {
    const tests = [
      test_({ name: 'a', baseline: null, current: record({ accuracy: 1 }) }),
      test_({ name: 'b', baseline: null, current: record({ accuracy: 0 }) }),
    ]
    const s = evaluateSuite(suite(tests), SETTINGS)
    expect(s.verdict).toBe('no-baseline')
    expect(s.metrics).toEqual([])
    expect(s.counts).toMatchObject({ cases: 2, compared: 0, new: 2 })
    expect(s.statusCounts).toEqual({ written: 2 })
    expect(s.failed).toBe(false)
  })

  it('new cases beside compared ones are counted per metric and in the suite counts', () => {
    const tests = [...binarySuite('accuracy', 20, 0), test_({ name: 'fresh', baseline: null, current: record({ accuracy: 0 }) })]
    const s = evaluateSuite(suite(tests), SETTINGS)
    expect(s.counts).toMatchObject({ cases: 21, compared: 20, new: 1 })
    expect(s.metrics.find((m) => m.metric === 'accuracy')).toMatchObject({ n: 20, newCases: 1 })
  })
})

describe('Holm across metrics', () => {
  // 5 of 40 cases flip: exact p = 1/32 = 0.03125 ≤ 0.05 and Δ = −0.125 < −margin → degraded alone.
  const tests = binarySuite('accuracy', 40, 5)

  it('a single metric keeps its raw verdict', () => {
    const s = evaluateSuite(suite(tests.map((t) => withoutPass(t))), SETTINGS)
    expect(s.metrics.map((m) => [m.metric, m.verdict])).toEqual([['accuracy', 'degraded']])
    expect(s.metrics[0]?.pValueAdjusted).toBeCloseTo(1 / 32, 12)
  })

  it('a constant metric (`pass` at 1.00 everywhere) takes no α: accuracy keeps p = 1/32 and fails', () => {
    const s = evaluateSuite(suite(tests), SETTINGS)
    const accuracy = s.metrics.find((m) => m.metric === 'accuracy')
    expect(s.metrics.find((m) => m.metric === 'pass')).toMatchObject({ constant: true, gated: true })
    expect(accuracy).toMatchObject({ rawVerdict: 'degraded', verdict: 'degraded', constant: false })
    expect(accuracy?.pValueAdjusted).toBeCloseTo(1 / 32, 12)
    expect(s.failed).toBe(true)
  })

  // A second metric that varies: one case's tone drops by 0.5 (p well above α on its own).
  const withTone = tests.map((t, i) => ({
    ...t,
    meta: {
      ...t.meta,
      baseline: { ...t.meta.baseline!, baseline: record({ ...t.meta.baseline!.baseline!.scores, tone: 1 }), current: record({ ...t.meta.baseline!.current.scores, tone: i === 39 ? 0.5 : 1 }) },
    },
  }))

  it('with a second varying metric the adjusted p (2 × 0.031) exceeds α: degraded becomes inconclusive', () => {
    const s = evaluateSuite(suite(withTone), SETTINGS)
    const accuracy = s.metrics.find((m) => m.metric === 'accuracy')
    expect(accuracy).toMatchObject({ rawVerdict: 'degraded', verdict: 'inconclusive' })
    expect(accuracy?.pValueAdjusted).toBeCloseTo(2 / 32, 12)
    expect(s.verdict).toBe('inconclusive')
    expect(s.failed).toBe(false)
  })

  it('gate.metrics names the gated family: the others are reported only and never fail the suite', () => {
    const s = evaluateSuite(suite(withTone), { ...SETTINGS, metrics: ['accuracy'] })
    expect(s.metrics.find((m) => m.metric === 'accuracy')).toMatchObject({ verdict: 'degraded', gated: true })
    expect(s.metrics.find((m) => m.metric === 'accuracy')?.pValueAdjusted).toBeCloseTo(1 / 32, 12)
    expect(s.metrics.find((m) => m.metric === 'tone')).toMatchObject({ gated: false })
    expect(s.failed).toBe(true)
    const toneOnly = evaluateSuite(suite(withTone), { ...SETTINGS, metrics: ['tone'] })
    expect(toneOnly.metrics.find((m) => m.metric === 'accuracy')).toMatchObject({ rawVerdict: 'degraded', verdict: 'inconclusive', gated: false })
    expect(toneOnly.failed).toBe(false)
  })
})

describe('critical cases', () => {
  it('any drop of a critical case fails the suite, whatever the suite verdict', () => {
    const tests = Array.from({ length: 30 }, (_, i) =>
      test_({
        name: `c${i}`,
        baseline: record({ quality: 0.8 }, i === 7 ? { critical: true } : {}),
        current: record({ quality: i === 7 ? 0.75 : 0.8 }, i === 7 ? { critical: true } : {}),
      }),
    )
    const s = evaluateSuite(suite(tests), SETTINGS)
    expect(s.verdict).not.toBe('degraded')
    expect(s.criticalRegressions).toEqual([{ key: 'c7', metric: 'quality', baseline: 0.8, current: 0.75, delta: expect.closeTo(-0.05, 12) }])
    expect(s.failed).toBe(true)
    expect(s.reasons).toEqual(['critical case c7 dropped: quality 0.80 → 0.75'])
  })

  it('a critical case that held its score is fine', () => {
    const s = evaluateSuite(suite(binarySuite('accuracy', 10, 0, { critical: (i) => i < 3 })), SETTINGS)
    expect(s.criticalRegressions).toEqual([])
    expect(s.failed).toBe(false)
  })
})

describe('categories', () => {
  it('breaks every metric down by category with its own verdict', () => {
    // billing: 10 of 20 drop; account: 20 unchanged.
    const tests = binarySuite('accuracy', 40, 10, { category: (i) => (i < 20 ? 'billing' : 'account') })
    const s = evaluateSuite(suite(tests), SETTINGS)
    const cats = s.metrics.find((m) => m.metric === 'accuracy')?.categories
    expect(cats?.map((c) => [c.category, c.n, c.baselineMean, c.currentMean, c.verdict])).toEqual([
      ['account', 20, 1, 1, 'inconclusive'],
      ['billing', 20, 1, 0.5, 'degraded'],
    ])
    expect(cats?.[1]?.diff).toBeCloseTo(-0.5, 12)
  })
})

describe('updates, consistency, changes', () => {
  it('a suite whose baselines were updated (-u) is compared but not gated', () => {
    const tests = binarySuite('accuracy', 40, 12).map((t) => ({ ...t, meta: { ...t.meta, baseline: { ...t.meta.baseline!, status: 'updated' as const } } }))
    const s = evaluateSuite(suite(tests), SETTINGS)
    expect(s.verdict).toBe('degraded')
    expect(s.updated).toBe(true)
    expect(s.failed).toBe(false)
  })

  it('flags trials that disagree by more than 5 points on average as unstable', () => {
    const tests = Array.from({ length: 10 }, (_, i) =>
      test_({
        name: `c${i}`,
        baseline: record({ quality: 0.7 }, { trials: { quality: [0.6, 0.8] } }),
        current: record({ quality: 0.7 }, { trials: { quality: [0.65, 0.75] } }),
      }),
    )
    const s = evaluateSuite(suite(tests), SETTINGS)
    const quality = s.metrics.find((m) => m.metric === 'quality')
    expect(quality).toMatchObject({ k: 2, unstable: true })
    expect(quality?.meanTrialRange).toBeCloseTo(0.15, 12)
    expect(s.unstable).toBe(true)
  })

  it('names what changed since the baseline, counts changed outputs and lists obsolete entries', () => {
    const tests = [
      test_({ name: 'a', baseline: record({}, { outputHash: 'h1' }), current: record({}, { outputHash: 'h2' }) }),
      test_({ name: 'b', baseline: record({}, { outputHash: 'h3' }), current: record({}, { outputHash: 'h3' }) }),
    ]
    const meta = fileMeta({
      baselineFingerprint: fingerprint({ prompts: { system: 'aaa' }, models: ['gpt-a'] }),
      fingerprint: fingerprint({ prompts: { system: 'bbb' }, models: ['gpt-b'] }),
      obsolete: ['gone'],
    })
    const s = evaluateSuite(suite(tests, { fileMeta: meta }), SETTINGS)
    expect(s.changes).toEqual(['prompt system changed', 'model gpt-a → gpt-b'])
    expect(s.outputsChanged).toBe(1)
    expect(s.obsolete).toEqual(['gone'])
    expect(s.baselinePath).toBe('snapshots/evals/a.eval.ts.json')
  })

  it('duplicate test names get distinct keys instead of breaking the pairing', () => {
    const t = test_({ name: 'same', baseline: record({}), current: record({}) })
    const s = evaluateSuite(suite([t, t]), SETTINGS)
    expect(s.cases.map((c) => c.key)).toEqual(['same', 'same #2'])
  })
})

describe('evaluateRun', () => {
  it('orders suites by project and file, totals them, and fails when one suite fails', () => {
    const bad = suite(binarySuite('accuracy', 40, 12), { file: 'b.eval.ts', moduleId: '/r/b.eval.ts' })
    const good = suite(binarySuite('accuracy', 10, 0), { file: 'a.eval.ts', moduleId: '/r/a.eval.ts' })
    const empty = suite([{ name: 'plain', state: 'passed', meta: { calls: [], matchers: [] } }], { file: 'c.test.ts' })
    const run = evaluateRun([bad, empty, good], { ...SETTINGS, failOnDegraded: false })
    expect(run.suites.map((s) => s.id)).toEqual(['a.eval.ts', 'b.eval.ts'])
    expect(run.failed).toBe(true)
    expect(run.reasons).toHaveLength(1)
    expect(run.reasons[0]).toMatch(/^b\.eval\.ts: accuracy degraded/)
    expect(run.settings).toMatchObject({ failOnDegraded: false, instabilityThreshold: 0.05, worstCases: 5 })
    expect(run.totals).toMatchObject({ suites: 2, cases: 50, compared: 50, new: 0, passed: 50, criticalRegressions: 0 })
    expect(run.totals.verdicts.degraded).toBe(1)
  })

  it('a run without evalgate data evaluates to nothing and passes', () => {
    const run = evaluateRun([], SETTINGS)
    expect(run).toMatchObject({ failed: false, suites: [], reasons: [] })
  })
})

function withoutPass<T extends ReturnType<typeof test_>>(t: T): T {
  const b = t.meta.baseline!
  const strip = (r: typeof b.current) => ({ ...r, scores: Object.fromEntries(Object.entries(r.scores).filter(([k]) => k !== 'pass')) })
  return { ...t, meta: { ...t.meta, baseline: { ...b, baseline: b.baseline && strip(b.baseline), current: strip(b.current) } } }
}

describe('gate.metrics', () => {
  it('a gated metric no suite measured fails the run with a reason naming it (a typo must not gate nothing)', () => {
    const run = evaluateRun([suite(binarySuite('accuracy', 10, 0))], { ...SETTINGS, metrics: ['acuracy'] })
    expect(run.failed).toBe(true)
    expect(run.reasons[0]).toBe('gate.metrics names "acuracy", which no suite of this run measured (measured: accuracy, pass)')
  })
})
