import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { FIXTURES, failureOf, misbehaving, runVitest, type VitestRun } from '../helpers/run-vitest.js'

let run: VitestRun

// Hermetic: no judge configuration may leak in from the developer's environment.
const ENV = { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, EVALGATE_JUDGE_API_KEY: undefined, EVALGATE_JUDGE_BASE_URL: undefined, EVALGATE_JUDGE_MODEL: undefined }

beforeAll(async () => {
  run = await runVitest(join(FIXTURES, 'rubric'), [], ENV)
})

const rubric = (name: string) => failureOf(run, `toPassRubric ${name}`)
const fault = (name: string) => failureOf(run, `judge faults never pass ${name}`)

describe('toPassRubric through a real `vitest run`', () => {
  test('exit code is 1 and every [pass]/[fail] test behaves', () => {
    expect(run.tests.size, run.stdout + run.stderr).toBeGreaterThanOrEqual(45)
    expect(misbehaving(run)).toEqual([])
    expect(run.code).toBe(1)
  })

  test('a failed rubric lists every criterion with its verdict and reason, the score and the threshold', () => {
    const m = rubric('[fail] one criterion not met with the default threshold 1')
    expect(m).toContain('the output does not pass the rubric: score 0.50 is below the threshold 1.00')
    expect(m).toContain('PASS Acknowledges the double charge — The output meets: Acknowledges the double charge')
    expect(m).toContain('FAIL Gives clear next steps — The output does not meet: Gives clear next steps')
    expect(m).toContain('score 0.50 (threshold 1.00)')
    expect(m).toContain('judge: judge-model (evalgate-judge-v1) · structured output')
    const weighted = rubric('[fail] partial: weights below the threshold')
    expect(weighted).toContain('FAIL Gives clear next steps [weight 3]')
    expect(weighted).toContain('score 0.25 (threshold 0.75)')
    const critical = rubric('[fail] critical criterion failed although the score reaches the threshold')
    expect(critical).toContain('critical criterion failed: c1 "Mentions the order number"')
    expect(critical).toContain('FAIL Mentions the order number [critical]')
    expect(critical).toContain('score 0.67 (threshold 0.50)')
    expect(rubric('[fail] not: a good answer passes')).toContain('expected the output not to pass the rubric, but it did')
  })

  test('bad input is an error naming the problem', () => {
    expect(rubric('[fail] bad input: no criteria')).toContain('EvalgateUsageError: toPassRubric: rubric: at least one criterion is required')
    expect(rubric('[fail] bad input: threshold outside 0..1')).toContain('threshold must be a number within 0..1, got 1.5')
    expect(rubric('[fail] bad input: undefined output')).toContain('received must be a string, a chat completion or a chat message')
    expect(rubric('[fail] bad input: invalid per-call judge option')).toContain('option "options.judge.votes" must be >= 1')
  })

  test('each judge fault fails with a message that says exactly that fault', () => {
    expect(fault('[fail] unreachable judge')).toMatch(/judge fault \(endpoint_error\): judge endpoint unreachable at http:\/\/127\.0\.0\.1:\d+\/v1 \(connection failed, 1 attempt\)/)
    expect(fault('[fail] HTTP 500 after retries')).toContain('judge endpoint answered HTTP 500 (server error) after 2 attempts')
    expect(fault('[fail] judge reply is not JSON')).toContain('judge fault (not_json): judge reply contains no JSON object')
    expect(fault('[fail] judge reply is not JSON')).toContain('reply: "The answer looks fine to me."')
    expect(fault('[fail] a verdict is missing')).toContain('judge fault (missing_verdict): judge reply has no verdict for criterion c2 ("Gives clear next steps")')
    expect(fault('[fail] an unknown verdict')).toContain('judge fault (unknown_verdict): judge reply has verdict "MAYBE" for criterion c1')
    expect(fault('[fail] an empty reply')).toContain('judge fault (empty_reply)')
    expect(fault('[fail] the judge refuses')).toContain('judge fault (refused)')
    expect(fault('[fail] the judge reply is cut off (finish_reason length), even if it parses')).toContain(
      'judge fault (cut_off): judge reply cut off at max_tokens 1024 (finish_reason "length")',
    )
    expect(fault('[fail] not: a cut-off reply still fails')).toContain('judge fault (cut_off)')
    expect(fault('[fail] a long reason cut off by judge.maxTokens')).toContain('judge fault (cut_off): judge reply cut off at max_tokens 4')
    expect(fault('[fail] the judge hangs past the timeout')).toContain('judge call timed out after 300 ms per attempt (1 attempt)')
    expect(fault('[fail] the endpoint body is not JSON')).toContain('judge endpoint answered with a body that is not valid JSON')
    for (const name of ['[fail] HTTP 500 after retries', '[fail] judge reply is not JSON', '[fail] a verdict is missing']) {
      expect(fault(name)).toContain('No verdict was taken: a judge fault fails the assertion, it is never a pass.')
    }
  })

  test('under .not a judge fault is thrown, so it still fails', () => {
    const m = fault('[fail] not: a non-JSON reply still fails')
    expect(m).toContain('EvalgateJudgeFault')
    expect(m).toContain('judge fault (not_json)')
    expect(m).toContain('.not does not turn a fault into a pass')
    expect(fault('[fail] not: an unreachable judge still fails')).toContain('judge endpoint unreachable')
  })

  test('an injected output fails with the judge’s real verdicts', () => {
    const m = failureOf(run, 'injection resistance [fail] an injected output fails the rubric with the judge’s real verdicts')
    expect(m).toContain('FAIL Acknowledges the double charge')
    expect(m).toContain('score 0.00 (threshold 1.00)')
  })

  test('votes: majority, agreement and the faulty run are named', () => {
    expect(failureOf(run, 'votes [fail] majority FAIL with 3 votes')).toContain('3 votes, mean agreement 0.83')
    expect(failureOf(run, 'votes [fail] one faulty run fails the whole rubric')).toMatch(/judge fault \(unknown_verdict\): judge run \d of 3: judge reply has verdict "MAYBE"/)
  })

  test('pairwise needs criteria or a question', () => {
    expect(failureOf(run, 'comparePairwise [fail] neither criteria nor question')).toContain('comparePairwise: pairwise: give criteria, a question, or both')
  })

  test('judge calls are reported separately and no secret reaches the output', () => {
    expect(run.stdout).toMatch(/judge: \d+ call\(s\)/)
    expect(run.stdout).toMatch(/toPassRubric: \d+ passed, \d+ failed/)
    expect(run.stdout + run.stderr).not.toContain('sk-judge-plugin-secret')
  })
})
