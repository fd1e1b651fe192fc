import { describe, expect, it } from 'vitest'
import { scoreVerdicts, type Criterion, type JudgeVerdict, type Verdict } from '../../../src/judge/index.js'

const criteria: Criterion[] = ['Acknowledges the double charge', { criterion: 'Gives clear next steps', weight: 2 }, { criterion: 'Is polite', critical: true }]

function verdicts(...vs: Verdict[]): JudgeVerdict[] {
  return vs.map((verdict, i) => ({ id: `c${i + 1}`, verdict, reason: `reason ${i + 1}` }))
}

describe('scoreVerdicts', () => {
  it('computes the weighted share of PASS and lists every criterion', () => {
    const s = scoreVerdicts(criteria, verdicts('FAIL', 'PASS', 'PASS'), { threshold: 0.75 })
    expect(s.score).toBe(0.75)
    expect(s.passed).toBe(true)
    expect(s.threshold).toBe(0.75)
    expect(s.criticalFailures).toEqual([])
    expect(s.perCriterion).toEqual([
      { id: 'c1', text: 'Acknowledges the double charge', weight: 1, critical: false, verdict: 'FAIL', reason: 'reason 1' },
      { id: 'c2', text: 'Gives clear next steps', weight: 2, critical: false, verdict: 'PASS', reason: 'reason 2' },
      { id: 'c3', text: 'Is polite', weight: 1, critical: true, verdict: 'PASS', reason: 'reason 3' },
    ])
  })

  it('fails below the threshold', () => {
    const s = scoreVerdicts(criteria, verdicts('PASS', 'FAIL', 'PASS'), { threshold: 0.75 })
    expect(s.score).toBe(0.5)
    expect(s.passed).toBe(false)
  })

  it('defaults to threshold 1: every criterion must pass', () => {
    expect(scoreVerdicts(criteria, verdicts('PASS', 'PASS', 'PASS')).passed).toBe(true)
    const s = scoreVerdicts(criteria, verdicts('FAIL', 'PASS', 'PASS'))
    expect(s.threshold).toBe(1)
    expect(s.passed).toBe(false)
  })

  it('fails on a critical FAIL whatever the score', () => {
    const s = scoreVerdicts(criteria, verdicts('PASS', 'PASS', 'FAIL'), { threshold: 0.5 })
    expect(s.score).toBe(0.75)
    expect(s.criticalFailures).toEqual(['c3'])
    expect(s.passed).toBe(false)
    expect(scoreVerdicts(criteria, verdicts('FAIL', 'FAIL', 'FAIL'), { threshold: 0 }).passed).toBe(false)
  })

  it('tolerates float error at the threshold', () => {
    const weighted: Criterion[] = [{ criterion: 'a', weight: 0.1 }, { criterion: 'b', weight: 0.2 }, { criterion: 'c', weight: 0.7 }]
    expect(scoreVerdicts(weighted, verdicts('PASS', 'PASS', 'FAIL'), { threshold: 0.3 }).passed).toBe(true)
  })

  it('accepts verdicts in any order', () => {
    expect(scoreVerdicts(criteria, verdicts('PASS', 'FAIL', 'PASS').reverse(), { threshold: 0.5 }).score).toBe(0.5)
  })

  it('throws on a missing, unknown or duplicate verdict, and on a bad threshold', () => {
    expect(() => scoreVerdicts(criteria, verdicts('PASS', 'PASS'))).toThrow(/no verdict for criterion c3/)
    expect(() => scoreVerdicts(criteria, verdicts('PASS', 'PASS', 'PASS', 'PASS'))).toThrow(/unknown criterion "c4"/)
    expect(() => scoreVerdicts(criteria, [...verdicts('PASS', 'PASS', 'PASS'), { id: 'c1', verdict: 'PASS', reason: '' }])).toThrow(/more than one/)
    expect(() => scoreVerdicts(criteria, [{ id: 'c1', verdict: 'MAYBE' as Verdict, reason: '' }])).toThrow(/not PASS or FAIL/)
    expect(() => scoreVerdicts(criteria, verdicts('PASS', 'PASS', 'PASS'), { threshold: 1.5 })).toThrow(/threshold/)
    expect(() => scoreVerdicts(criteria, verdicts('PASS', 'PASS', 'PASS'), { threshold: Number.NaN })).toThrow(/threshold/)
  })
})
