import { describe, expect, it } from 'vitest'
import { evaluateRun } from '../../../src/gate/index.js'
import { outcomeLine, runOutcome } from '../../../src/report/outcome.js'
import { SETTINGS, binarySuite, record, suite, test_ } from '../gate/helpers.js'

const input = { failedTests: 0, unhandledErrors: 0, failOnDegraded: true }

describe('the verdict line agrees with the exit code and names what failed the run', () => {
  it('clean run: exit 0, everything passed', () => {
    const o = runOutcome(evaluateRun([suite(binarySuite('accuracy', 20, 0))], SETTINGS), input)
    expect(o.exitCode).toBe(0)
    expect(outcomeLine(o)).toBe('evalgate: run passed (exit code 0): per-case rule, suite gate and critical cases passed.')
  })

  it('per-case failures alone (suite gate passed) still make the line say FAILED, as the exit code does', () => {
    const tests = binarySuite('accuracy', 40, 1)
    tests[0]!.state = 'failed'
    tests[0]!.meta.baseline!.regressions = [{ metric: 'accuracy', baseline: 1, current: 0, delta: -1, kind: 'score', limit: 0, rule: 'exact' }]
    const run = evaluateRun([suite(tests)], SETTINGS)
    expect(run.failed).toBe(false)
    const o = runOutcome(run, { ...input, failedTests: 1 })
    expect(outcomeLine(o)).toBe('evalgate: run FAILED (exit code 1): per-case rule failed 1 case.')
  })

  it('suite gate, critical case and other failures are named apart', () => {
    const tests = binarySuite('accuracy', 40, 12, { critical: (i) => i === 3 })
    const o = runOutcome(evaluateRun([suite(tests)], SETTINGS), { ...input, failedTests: 2 })
    expect(o).toMatchObject({ exitCode: 1, critical: 1, suiteGate: 1, otherFailures: 2 })
    expect(outcomeLine(o)).toBe('evalgate: run FAILED (exit code 1): 1 critical case failed; suite gate: 1 suite degraded; 2 other tests failed.')
  })

  it('failOnDegraded false: a degraded suite leaves exit 0 and the line says so', () => {
    const o = runOutcome(evaluateRun([suite(binarySuite('accuracy', 40, 12))], { ...SETTINGS, failOnDegraded: false }), { ...input, failOnDegraded: false })
    expect(o.exitCode).toBe(0)
    expect(outcomeLine(o, false)).toBe('evalgate: run passed (exit code 0): per-case rule, suite gate and critical cases passed (suite gate: 1 suite degraded (failOnDegraded is false: not failing the run)).')
  })

  it('-u: shows the suite verdict of what is accepted', () => {
    const tests = binarySuite('accuracy', 40, 12).map((t) => ({ ...t, meta: { ...t.meta, baseline: { ...t.meta.baseline!, status: 'updated' as const } } }))
    const o = runOutcome(evaluateRun([suite(tests)], SETTINGS), input)
    expect(o.exitCode).toBe(0)
    expect(outcomeLine(o)).toContain('Baselines re-recorded (-u) for evals/a.eval.ts (suite verdict of the accepted change vs the previous baseline: degraded).')
  })

  it('a noisy case does not count as a per-case failure', () => {
    const t = test_({ name: 'noisy', baseline: record({ accuracy: 0.6 }, { trials: { accuracy: [1, 0, 1, 1, 0] } }), current: record({ accuracy: 0 }, { trials: { accuracy: [0, 0, 0] } }) })
    const o = runOutcome(evaluateRun([suite([t, ...binarySuite('accuracy', 5, 0)])], SETTINGS), input)
    expect(o).toMatchObject({ exitCode: 0, perCase: 0 })
  })
})
