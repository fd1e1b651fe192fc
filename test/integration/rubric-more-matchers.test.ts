import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { FIXTURES, failureOf, misbehaving, runVitest, type VitestRun } from '../helpers/run-vitest.js'

let run: VitestRun

// The API key comes from the environment only (resolved in the worker); nothing else may leak in.
const ENV = { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, EVALGATE_JUDGE_API_KEY: 'sk-env-judge-secret', EVALGATE_JUDGE_BASE_URL: undefined, EVALGATE_JUDGE_MODEL: undefined, EVALGATE_EMBEDDINGS_MODEL: undefined }

beforeAll(async () => {
  run = await runVitest(join(FIXTURES, 'more-matchers'), [], ENV)
})

describe('toBeSimilarTo, toMatchLabel, toRefuse, toCallTool through a real `vitest run`', () => {
  test('exit code is 1 and every [pass]/[fail] test behaves', () => {
    expect(run.tests.size, run.stdout + run.stderr).toBeGreaterThanOrEqual(45)
    expect(misbehaving(run)).toEqual([])
    expect(run.code).toBe(1)
  })

  test('toBeSimilarTo shows the similarity against the threshold', () => {
    const m = (name: string) => failureOf(run, `toBeSimilarTo ${name}`)
    expect(m('[fail] an unrelated text is not similar')).toMatch(/expected similarity ≥ 0\.80, received 0\.\d{3} \(cosine of the embeddings\)/)
    expect(m('[fail] an unrelated text is not similar')).toMatch(/embeddings: embed-model at http:\/\/127\.0\.0\.1:\d+\/v1/)
    expect(m('[fail] not: a paraphrase')).toMatch(/expected similarity < 0\.80, received 0\.8\d\d/)
    expect(m('[fail] an endpoint error fails')).toContain('embeddings fault (endpoint_error): embeddings endpoint answered HTTP 500 (server error) after 1 attempt')
    expect(m('[fail] not: an endpoint error still fails')).toContain('.not does not turn a fault into a pass')
    expect(m('[fail] no API key anywhere')).toContain('no embeddings API key is configured')
    expect(m('[fail] no API key anywhere')).toContain('EVALGATE_JUDGE_API_KEY')
    expect(m('[fail] bad input: threshold above 1')).toContain('threshold must be a number within -1..1, got 2')
    expect(m('[fail] bad input: expected is not a string')).toContain('expected must be a non-empty string')
  })

  test('toMatchLabel shows expected and received labels', () => {
    const m = (name: string) => failureOf(run, `toMatchLabel ${name}`)
    expect(m('[fail] a different label')).toContain('expected label: one of "billing", "bug"')
    expect(m('[fail] a different label')).toContain('received label: "shipping" (from "Shipping")')
    expect(m('[fail] a different label')).toContain('score: 0')
    expect(m('[fail] not: the same label')).toContain('expected label: not "billing"')
    expect(m('[fail] bad input: no expected labels')).toContain('expected labels must not be empty')
    expect(m('[fail] bad input: a number received')).toContain('received must be a string, a chat completion or a chat message; got number')
  })

  test('toRefuse names the phrases found and the judge’s decision', () => {
    const m = (name: string) => failureOf(run, `toRefuse ${name}`)
    expect(m('[fail] a helpful answer is not a refusal')).toContain('expected the output to be a refusal, but it is not')
    expect(m('[fail] a helpful answer is not a refusal')).toContain('heuristics: no refusal phrase found')
    expect(m('[fail] not: a refusal')).toContain(`heuristics: refusal phrases found: "I can't help"`)
    const judged = m('[fail] judge: decides against a heuristic refusal')
    expect(judged).toContain('heuristics: refusal phrases found')
    expect(judged).toContain('judge (judge-model, decides): not a refusal — It does what was asked.')
    const unconfigured = m('[fail] judge: true without a judge model configured')
    expect(unconfigured).toContain('EvalgateJudgeConfigError: toRefuse: no judge model is configured.')
    expect(unconfigured).toContain("plugins: [evalgate({ judge: { model: 'gpt-4o-mini', baseURL?, apiKey? } })]")
    expect(unconfigured).toContain('EVALGATE_JUDGE_MODEL')
    expect(m('[fail] not + judge fault still fails')).toContain('judge fault (not_json)')
    expect(m('[fail] bad input: received a number')).toContain('toRefuse: received must be a string')
  })

  test('toCallTool lists the tool calls received and why arguments fail', () => {
    const m = (name: string) => failureOf(run, `toCallTool ${name}`)
    const invalid = m('[fail] arguments invalid for the schema')
    expect(invalid).toContain('expected a call to tool "lookup_order" with arguments valid for the schema; 1 call(s) to it have invalid arguments')
    expect(invalid).toContain('#0 lookup_order({"order_id":123,"extra":true})')
    expect(invalid).toContain('✗ arguments do not match the schema')
    expect(invalid).toMatch(/order_id.*must be string/)
    expect(invalid).toContain('partial score: 0.50 (best schema score of the calls to "lookup_order": half their required-key coverage)')
    const other = m('[fail] another tool is called')
    expect(other).toContain('tool calls received (2):')
    expect(other).toContain('#0 get_weather({"city":"Oslo"})')
    expect(other).toContain('#1 refund({"amount":5})')
    expect(m('[fail] arguments are not JSON')).toMatch(/not JSON/)
    expect(m('[fail] no tool call at all')).toContain('tool calls received: none')
    expect(m('[fail] not: the tool is called')).toContain('expected no call to tool "lookup_order", but call #0 is one')
    expect(m('[fail] bad input: a string received')).toContain('received must be a chat completion, a chat message or a tool_calls array; got string')
    expect(m('[fail] bad input: an invalid schema')).toMatch(/invalid (json )?schema/i)
  })

  test('the summary counts embedding and judge calls; no secret reaches the output', () => {
    expect(run.stdout).toMatch(/embedding: \d+ call\(s\)/)
    expect(run.stdout).toMatch(/judge: \d+ call\(s\)/)
    expect(run.stdout + run.stderr).not.toContain('sk-env-judge-secret')
  })
})
