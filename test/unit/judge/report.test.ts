import { describe, expect, it } from 'vitest'
import { describeJudgeProtocol, formatRubricReport, JUDGE_PROMPT_VERSION, scoreVerdicts, type Criterion } from '../../../src/judge/index.js'

const criteria: Criterion[] = ['Acknowledges the double charge', { criterion: 'Gives clear next steps', critical: true }, { criterion: 'Is brief', weight: 2 }]

describe('formatRubricReport', () => {
  it('lists each criterion with its verdict and reason, then the score line', () => {
    const scored = scoreVerdicts(
      criteria,
      [
        { id: 'c1', verdict: 'PASS', reason: 'It apologises for charging twice.' },
        { id: 'c2', verdict: 'FAIL', reason: 'It gives no steps.' },
        { id: 'c3', verdict: 'FAIL', reason: '' },
      ],
      { threshold: 0.75 },
    )
    expect(formatRubricReport(scored, 0.75)).toBe(
      [
        'PASS Acknowledges the double charge — It apologises for charging twice.',
        'FAIL Gives clear next steps [critical] — It gives no steps.',
        'FAIL Is brief [weight 2]',
        'critical failed: c2',
        'score 0.25 (threshold 0.75)',
      ].join('\n'),
    )
  })

  it('defaults the threshold to the scored one and has no colour codes', () => {
    const scored = scoreVerdicts(['a', 'b'], [
      { id: 'c1', verdict: 'PASS', reason: 'ok' },
      { id: 'c2', verdict: 'FAIL', reason: 'no' },
    ], { threshold: 0.5 })
    const text = formatRubricReport(scored)
    expect(text.split('\n').at(-1)).toBe('score 0.50 (threshold 0.50)')
    expect(text).not.toMatch(/\u001b\[/)
  })
})

describe('describeJudgeProtocol', () => {
  it('documents the version, the JSON shapes and the strict rules in markdown', () => {
    const md = describeJudgeProtocol()
    expect(md).toContain(JUDGE_PROMPT_VERSION)
    expect(md).toContain('{"verdicts":[{"id":"c1","verdict":"PASS","reason":"<one short sentence>"}]}')
    expect(md).toContain('{"winner":"A","reason":"<one short sentence>"}')
    expect(md).toContain('never a pass')
    expect(md).toContain('```json')
  })
})
