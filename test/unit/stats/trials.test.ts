import { describe, expect, it } from 'vitest'
import { createRng, isNoisyCase, judgeTrials, trialDropPValue } from '../../../src/stats/index.js'

describe('per-case trial rule', () => {
  it('noisy = trials disagree on either side', () => {
    expect(isNoisyCase([1, 1, 1], [1, 1, 1])).toBe(false)
    expect(isNoisyCase([1], [0])).toBe(false)
    expect(isNoisyCase([1, 0, 1], [1, 1, 1])).toBe(true)
    expect(isNoisyCase([1, 1], [0.5, 0.6])).toBe(true)
  })

  it('the trial test is Fisher`s exact test for 0/1 trials', () => {
    expect(trialDropPValue([1, 1, 1], [0, 0, 0])).toBeCloseTo(1 / 20, 12)
    // 2 of 3 vs 1 of 3: P(X ≤ 1), X hypergeometric(6, 3, 3) = (1 + 9) / 20.
    expect(trialDropPValue([1, 1, 0], [1, 0, 0])).toBeCloseTo(10 / 20, 12)
    expect(trialDropPValue([1, 1, 1], [1, 1, 1])).toBe(1)
  })

  it('uses a seeded Monte Carlo estimate above 200,000 splits, close to the exact value', () => {
    const base = Array.from({ length: 30 }, (_, i) => (i < 27 ? 1 : 0))
    const cand = Array.from({ length: 10 }, (_, i) => (i < 5 ? 1 : 0))
    const p = trialDropPValue(base, cand)
    expect(p).toBe(trialDropPValue(base, cand))
    expect(p).toBeGreaterThan(0)
    expect(p).toBeLessThan(0.03)
  })

  it('critical noisy case: holds its false-alarm rate on noise and catches a real drop (seeded)', () => {
    const rng = createRng(7)
    const draw = (p: number, k: number) => Array.from({ length: k }, () => (rng() < p ? 1 : 0))
    let alarms = 0
    let caught = 0
    const reps = 2000
    for (let r = 0; r < reps; r++) {
      if (judgeTrials(draw(0.8, 10), draw(0.8, 3), { critical: true, limit: 0, alpha: 0.05 }).regressed) alarms++
      if (judgeTrials(draw(0.95, 10), draw(0.2, 3), { critical: true, limit: 0, alpha: 0.05 }).regressed) caught++
    }
    expect(alarms / reps).toBeLessThanOrEqual(0.05 + 2 * Math.sqrt((0.05 * 0.95) / reps))
    expect(caught / reps).toBeGreaterThan(0.5)
  })

  it('names its rule', () => {
    expect(judgeTrials([1, 1], [0, 0], { critical: false, limit: 0, alpha: 0.05 })).toEqual({ rule: 'exact', regressed: true })
    expect(judgeTrials([1, 0], [0, 0], { critical: false, limit: 0, alpha: 0.05 })).toEqual({ rule: 'noisy', regressed: false })
    expect(judgeTrials([1, 0], [0, 0], { critical: true, limit: 0, alpha: 0.05 }).rule).toBe('trial-test')
  })
})
