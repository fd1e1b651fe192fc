import { describe, expect, it } from 'vitest'
import { aggregateVotes, judgeFault, parseJudgeReply, scoreVerdicts, type JudgeParseResult, type Verdict } from '../../../src/judge/index.js'

const criteria = ['Acknowledges the double charge', 'Gives clear next steps']

function run(v1: Verdict, v2: Verdict): JudgeParseResult {
  return {
    ok: true,
    verdicts: [
      { id: 'c1', verdict: v1, reason: `c1 ${v1.toLowerCase()}` },
      { id: 'c2', verdict: v2, reason: `c2 ${v2.toLowerCase()}` },
    ],
  }
}

describe('aggregateVotes', () => {
  it('takes the majority per criterion and reports agreement', () => {
    const agg = aggregateVotes(criteria, [run('PASS', 'FAIL'), run('PASS', 'PASS'), run('PASS', 'FAIL')])
    if (!agg.ok) throw new Error('expected ok')
    expect(agg.verdicts).toEqual([
      { id: 'c1', verdict: 'PASS', reason: 'c1 pass' },
      { id: 'c2', verdict: 'FAIL', reason: 'c2 fail' },
    ])
    expect(agg.perCriterion).toEqual([
      { id: 'c1', verdict: 'PASS', pass: 3, fail: 0, tie: false, agreement: 1, reason: 'c1 pass' },
      { id: 'c2', verdict: 'FAIL', pass: 1, fail: 2, tie: false, agreement: 2 / 3, reason: 'c2 fail' },
    ])
    expect(agg.ties).toEqual([])
    expect(agg.meanAgreement).toBeCloseTo(5 / 6, 12)
    expect(agg.runs).toBe(3)
    expect(scoreVerdicts(criteria, agg.verdicts, { threshold: 0.5 }).score).toBe(0.5)
  })

  it('turns a tie into FAIL and reports it', () => {
    const agg = aggregateVotes(criteria, [run('PASS', 'PASS'), run('FAIL', 'PASS')])
    if (!agg.ok) throw new Error('expected ok')
    expect(agg.ties).toEqual(['c1'])
    expect(agg.perCriterion[0]).toEqual({ id: 'c1', verdict: 'FAIL', pass: 1, fail: 1, tie: true, agreement: 0.5, reason: 'tie (1 PASS / 1 FAIL), counted as FAIL: c1 fail' })
    expect(agg.verdicts[0]?.verdict).toBe('FAIL')
    expect(agg.meanAgreement).toBe(0.75)
  })

  it('a single run is its own majority', () => {
    const agg = aggregateVotes(criteria, [run('FAIL', 'PASS')])
    expect(agg).toMatchObject({ ok: true, meanAgreement: 1, ties: [], verdicts: [{ verdict: 'FAIL' }, { verdict: 'PASS' }] })
  })

  it('any faulty run makes the whole aggregate a fault naming the run; none is dropped', () => {
    const bad = parseJudgeReply('{"verdicts":[{"id":"c1","verdict":"PASS"}]}', criteria)
    const refused = parseJudgeReply(null, criteria, { refusal: 'No.' })
    const agg = aggregateVotes(criteria, [run('PASS', 'PASS'), bad, run('PASS', 'PASS'), refused])
    if (agg.ok) throw new Error('expected a fault')
    expect(agg.faultRun).toBe(1)
    expect(agg.fault.kind).toBe('missing_verdict')
    expect(agg.fault.message).toBe('judge run 2 of 4: judge reply has no verdict for criterion c2 ("Gives clear next steps")')
    expect(agg.faults.map((f) => [f.run, f.fault.kind])).toEqual([
      [1, 'missing_verdict'],
      [3, 'refused'],
    ])
    expect(agg.runs).toBe(4)
  })

  it('propagates endpoint errors from the glue', () => {
    const agg = aggregateVotes(criteria, [{ ok: false, fault: judgeFault('endpoint_error', 'timeout after 30000 ms') }, run('PASS', 'PASS')])
    expect(agg).toMatchObject({ ok: false, faultRun: 0, fault: { kind: 'endpoint_error', message: 'judge run 1 of 2: timeout after 30000 ms' } })
  })

  it('re-checks ok runs against the rubric (hand-made runs cannot skip a criterion)', () => {
    const partial: JudgeParseResult = { ok: true, verdicts: [{ id: 'c1', verdict: 'PASS', reason: '' }] }
    expect(aggregateVotes(criteria, [partial])).toMatchObject({ ok: false, fault: { kind: 'missing_verdict' } })
    const dup: JudgeParseResult = {
      ok: true,
      verdicts: [
        { id: 'c1', verdict: 'PASS', reason: '' },
        { id: 'c2', verdict: 'PASS', reason: '' },
        { id: 'c1', verdict: 'FAIL', reason: '' },
      ],
    }
    expect(aggregateVotes(criteria, [dup])).toMatchObject({ ok: false, fault: { kind: 'duplicate_verdict' } })
  })

  it('throws without runs', () => {
    expect(() => aggregateVotes(criteria, [])).toThrow(/no judge runs/)
  })
})
