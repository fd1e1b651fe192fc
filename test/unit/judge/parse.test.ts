import { describe, expect, it } from 'vitest'
import { judgeFault, parseJudgeReply, type JudgeParseResult } from '../../../src/judge/index.js'

const criteria = ['Acknowledges the double charge', 'Gives clear next steps']
const both = '{"verdicts":[{"id":"c1","verdict":"PASS","reason":"Apologises for it."},{"id":"c2","verdict":"FAIL","reason":"No steps."}]}'

function fault(result: JudgeParseResult) {
  if (result.ok) throw new Error('expected a fault, got ' + JSON.stringify(result))
  return result.fault
}

describe('parseJudgeReply: accepted shapes', () => {
  const expected = {
    ok: true,
    verdicts: [
      { id: 'c1', verdict: 'PASS', reason: 'Apologises for it.' },
      { id: 'c2', verdict: 'FAIL', reason: 'No steps.' },
    ],
  }

  it('reads a structured JSON reply', () => {
    expect(parseJudgeReply(both, criteria)).toEqual(expected)
  })

  it('reads JSON inside a ```json fence', () => {
    expect(parseJudgeReply('Here you go:\n```json\n' + both + '\n```\n', criteria)).toEqual(expected)
  })

  it('takes the LAST JSON object with a verdicts array from prose', () => {
    const draft = '{"verdicts":[{"id":"c1","verdict":"FAIL","reason":"draft"},{"id":"c2","verdict":"PASS","reason":"draft"}]}'
    const reply = `First thoughts: ${draft}. On reflection, {"note": "not an answer"} my final answer is ${both} Thanks! {"other": 1}`
    expect(parseJudgeReply(reply, criteria)).toEqual(expected)
  })

  it('normalises verdicts and ids case-insensitively, returns rubric order, ignores extra keys', () => {
    const reply = '{"extra":1,"verdicts":[{"id":" C2 ","verdict":" fail ","reason":"No steps."},{"id":"c1","verdict":"Pass","reason":"Apologises for it.","score":9}]}'
    expect(parseJudgeReply(reply, criteria)).toEqual(expected)
  })

  it('treats a missing or non-string reason as an empty reason', () => {
    const result = parseJudgeReply('{"verdicts":[{"id":"c1","verdict":"PASS"},{"id":"c2","verdict":"PASS","reason":3}]}', criteria)
    expect(result).toEqual({ ok: true, verdicts: [{ id: 'c1', verdict: 'PASS', reason: '' }, { id: 'c2', verdict: 'PASS', reason: '' }] })
  })

  it('handles braces and escaped quotes inside strings', () => {
    const reply = 'ok {"verdicts":[{"id":"c1","verdict":"PASS","reason":"says \\"sorry {\\" twice }"},{"id":"c2","verdict":"PASS","reason":"}"}]}'
    expect(parseJudgeReply(reply, criteria)).toMatchObject({ ok: true, verdicts: [{ reason: 'says "sorry {" twice }' }, { reason: '}' }] })
  })
})

describe('parseJudgeReply: faults (never a pass)', () => {
  it('non-JSON reply → not_json with an excerpt', () => {
    const f = fault(parseJudgeReply('Both criteria PASS, looks great!', criteria))
    expect(f).toEqual({ kind: 'not_json', message: 'judge reply contains no JSON object', excerpt: 'Both criteria PASS, looks great!' })
  })

  it('invalid JSON is not repaired → not_json', () => {
    expect(fault(parseJudgeReply("{'verdicts': [{'id': 'c1', 'verdict': 'PASS'}]}", criteria)).kind).toBe('not_json')
    expect(fault(parseJudgeReply('{"verdicts":[{"id":"c1","verdict":"PASS"},]}', criteria))).toMatchObject({
      kind: 'not_json',
      message: 'judge reply has a "verdicts" answer that is not valid JSON',
    })
  })

  it('a malformed final answer after a valid draft → not_json (the draft is not used)', () => {
    const reply = `Draft: ${both}\nFinal: {"verdicts":[{"id":"c1","verdict":"FAIL"},]}`
    expect(fault(parseJudgeReply(reply, criteria))).toMatchObject({ kind: 'not_json', message: 'judge reply has a later "verdicts" answer that is not valid JSON' })
  })

  it('JSON without a verdicts array → missing_verdict', () => {
    expect(fault(parseJudgeReply('{"result":"PASS"}', criteria))).toMatchObject({ kind: 'missing_verdict', message: 'judge reply has no "verdicts" array' })
    expect(fault(parseJudgeReply('{"verdicts":"PASS"}', criteria))).toMatchObject({ kind: 'missing_verdict', message: 'judge reply has "verdicts" but it is not an array' })
  })

  it('a criterion without a verdict → missing_verdict naming it', () => {
    const f = fault(parseJudgeReply('{"verdicts":[{"id":"c1","verdict":"PASS","reason":"ok"}]}', criteria))
    expect(f.kind).toBe('missing_verdict')
    expect(f.message).toBe('judge reply has no verdict for criterion c2 ("Gives clear next steps")')
    expect(f.excerpt).toContain('{"verdicts":[{"id":"c1"')
  })

  it('an empty verdicts array → missing_verdict naming every criterion', () => {
    expect(fault(parseJudgeReply('{"verdicts":[]}', criteria)).message).toBe(
      'judge reply has no verdict for criteria c1 ("Acknowledges the double charge"), c2 ("Gives clear next steps")',
    )
  })

  it('an entry without a verdict field (or null) → missing_verdict', () => {
    expect(fault(parseJudgeReply('{"verdicts":[{"id":"c1","reason":"x"},{"id":"c2","verdict":"PASS"}]}', criteria))).toMatchObject({
      kind: 'missing_verdict',
      message: 'judge reply has no verdict for criterion c1 ("Acknowledges the double charge")',
    })
    expect(fault(parseJudgeReply('{"verdicts":[{"id":"c1","verdict":null},{"id":"c2","verdict":"PASS"}]}', criteria)).kind).toBe('missing_verdict')
  })

  it("unknown verdict 'MAYBE' → unknown_verdict; so are booleans, numbers and decorated words", () => {
    const f = fault(parseJudgeReply('{"verdicts":[{"id":"c1","verdict":"MAYBE"},{"id":"c2","verdict":"PASS"}]}', criteria))
    expect(f).toMatchObject({ kind: 'unknown_verdict', message: 'judge reply has verdict "MAYBE" for criterion c1 ("Acknowledges the double charge"); only "PASS" or "FAIL" is accepted' })
    for (const v of ['true', '1', '"PASS."', '"PASSED"', '"yes"', '["PASS"]']) {
      expect(fault(parseJudgeReply(`{"verdicts":[{"id":"c1","verdict":${v}},{"id":"c2","verdict":"PASS"}]}`, criteria)).kind).toBe('unknown_verdict')
    }
  })

  it('unknown criterion id → unknown_criterion', () => {
    const f = fault(parseJudgeReply('{"verdicts":[{"id":"c1","verdict":"PASS"},{"id":"c2","verdict":"PASS"},{"id":"c3","verdict":"PASS"}]}', criteria))
    expect(f).toMatchObject({ kind: 'unknown_criterion', message: 'judge reply has a verdict for unknown criterion "c3" (rubric has c1, c2)' })
    expect(fault(parseJudgeReply('{"verdicts":[{"verdict":"PASS"}]}', criteria))).toMatchObject({ kind: 'unknown_criterion', message: 'judge reply verdicts[0] has no "id" string' })
    expect(fault(parseJudgeReply('{"verdicts":["PASS","PASS"]}', criteria)).kind).toBe('unknown_criterion')
  })

  it('duplicate criterion id → duplicate_verdict, even when the verdicts agree', () => {
    const f = fault(parseJudgeReply('{"verdicts":[{"id":"c1","verdict":"PASS"},{"id":"C1","verdict":"PASS"},{"id":"c2","verdict":"PASS"}]}', criteria))
    expect(f).toMatchObject({ kind: 'duplicate_verdict', message: 'judge reply has more than one verdict for criterion c1 ("Acknowledges the double charge")' })
  })

  it('empty, whitespace-only, null or undefined reply → empty_reply', () => {
    for (const reply of ['', '  \n ', null, undefined]) {
      expect(fault(parseJudgeReply(reply, criteria))).toEqual({ kind: 'empty_reply', message: 'judge reply is empty', excerpt: '' })
    }
  })

  it('a refusal → refused (from the endpoint refusal field, or a refusal sentence without JSON)', () => {
    expect(fault(parseJudgeReply(null, criteria, { refusal: "I'm sorry, I can't help with that." }))).toMatchObject({
      kind: 'refused',
      message: 'judge refused to grade: "I\'m sorry, I can\'t help with that."',
    })
    expect(fault(parseJudgeReply(both, criteria, { refusal: 'No.' })).kind).toBe('refused')
    expect(fault(parseJudgeReply('I cannot evaluate this content.', criteria)).kind).toBe('refused')
    expect(parseJudgeReply(both, criteria, { refusal: null }).ok).toBe(true)
  })

  it('keeps excerpts short', () => {
    const f = fault(parseJudgeReply('x'.repeat(1000), criteria))
    expect(f.excerpt.length).toBe(160)
    expect(f.excerpt.endsWith('…')).toBe(true)
  })

  it('judgeFault builds endpoint_error faults for the glue', () => {
    expect(judgeFault('endpoint_error', 'judge call failed: 429 rate limited')).toEqual({ kind: 'endpoint_error', message: 'judge call failed: 429 rate limited', excerpt: '' })
  })
})
