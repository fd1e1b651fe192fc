import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions'
import { describe, expect, it } from 'vitest'
import { stableHash } from '../../../src/util/stable.js'
import {
  buildPairwiseRequest,
  combinePairwise,
  PAIRWISE_PROMPT_VERSION,
  pairwiseResponseSchema,
  parsePairwiseReply,
  type PairwiseParseResult,
} from '../../../src/judge/index.js'

const base = { model: 'gpt-4o-mini', a: 'Answer from model A', b: 'Answer from model B', question: 'Which reply resolves the double charge better?' }

function nonceOf(user: string): string {
  const m = /Block tag of this message: ([0-9a-f]+)\./.exec(user)
  if (m?.[1] === undefined) throw new Error('no nonce')
  return m[1]
}

function win(winner: 'A' | 'B' | 'TIE'): PairwiseParseResult {
  return { ok: true, winner, reason: `says ${winner}` }
}

describe('buildPairwiseRequest', () => {
  it('swaps the positions with the order', () => {
    const ab = buildPairwiseRequest({ ...base, order: 'ab' }).messages[1].content
    const ba = buildPairwiseRequest({ ...base, order: 'ba' }).messages[1].content
    const n1 = nonceOf(ab)
    const n2 = nonceOf(ba)
    expect(ab).toContain(`<<<EVALGATE_RESPONSE_A_${n1}>>>\nAnswer from model A\n<<<END_EVALGATE_RESPONSE_A_${n1}>>>`)
    expect(ab).toContain(`<<<EVALGATE_RESPONSE_B_${n1}>>>\nAnswer from model B\n`)
    expect(ba).toContain(`<<<EVALGATE_RESPONSE_A_${n2}>>>\nAnswer from model B\n`)
    expect(ba).toContain(`<<<EVALGATE_RESPONSE_B_${n2}>>>\nAnswer from model A\n`)
    expect(ab).toContain(`<<<EVALGATE_QUESTION_${n1}>>>\nWhich reply resolves the double charge better?\n`)
  })

  it('is stable, structured by default, and fits the OpenAI request type', () => {
    const one = buildPairwiseRequest({ ...base, order: 'ab', criteria: ['Is accurate'], input: 'hi', context: 'facts', seed: 3 })
    const two = buildPairwiseRequest({ ...base, order: 'ab', criteria: ['Is accurate'], input: 'hi', context: 'facts', seed: 3 })
    expect(two).toEqual(one)
    expect(stableHash(two)).toBe(stableHash(one))
    expect(one.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'evalgate_pairwise', strict: true, schema: pairwiseResponseSchema() } })
    expect(one.messages[1].content).toContain('c1: Is accurate')
    expect(one.messages[0].content.startsWith(`[${PAIRWISE_PROMPT_VERSION}]`)).toBe(true)
    expect(one.messages[0].content).toContain('{"winner":"A","reason":"<one short sentence>"}')
    const typed: ChatCompletionCreateParamsNonStreaming = one
    expect(typed.model).toBe('gpt-4o-mini')
    expect('response_format' in buildPairwiseRequest({ ...base, order: 'ab', structured: false })).toBe(false)
  })

  it('validates its options', () => {
    expect(() => buildPairwiseRequest({ model: 'm', a: 'x', b: 'y', order: 'ab' })).toThrow(/criteria, a question, or both/)
    expect(() => buildPairwiseRequest({ ...base, order: 'xy' as 'ab' })).toThrow(/order/)
    expect(() => buildPairwiseRequest({ ...base, order: 'ab', b: 1 as unknown as string })).toThrow(/b must be a string/)
  })
})

describe('parsePairwiseReply', () => {
  it('reads bare, fenced and prose JSON (last winner wins), case-insensitively', () => {
    expect(parsePairwiseReply('{"winner":"A","reason":"More complete."}')).toEqual({ ok: true, winner: 'A', reason: 'More complete.' })
    expect(parsePairwiseReply('```json\n{"winner":"tie","reason":"Same."}\n```')).toEqual({ ok: true, winner: 'TIE', reason: 'Same.' })
    expect(parsePairwiseReply('At first {"winner":"A"} but then {"winner":" b ","reason":"r"}')).toEqual({ ok: true, winner: 'B', reason: 'r' })
  })

  it('is strict: unknown or missing winners, non-JSON and empty replies are faults', () => {
    expect(parsePairwiseReply('{"winner":"C"}')).toMatchObject({ ok: false, fault: { kind: 'unknown_verdict', message: 'judge reply has winner "C"; only "A", "B" or "TIE" is accepted' } })
    expect(parsePairwiseReply('{"winner":"Response A"}')).toMatchObject({ ok: false, fault: { kind: 'unknown_verdict' } })
    expect(parsePairwiseReply('{"winner":1}')).toMatchObject({ ok: false, fault: { kind: 'unknown_verdict' } })
    expect(parsePairwiseReply('{"better":"A"}')).toMatchObject({ ok: false, fault: { kind: 'missing_verdict' } })
    expect(parsePairwiseReply('{"winner":null}')).toMatchObject({ ok: false, fault: { kind: 'missing_verdict' } })
    expect(parsePairwiseReply('A is better.')).toMatchObject({ ok: false, fault: { kind: 'not_json' } })
    expect(parsePairwiseReply('')).toMatchObject({ ok: false, fault: { kind: 'empty_reply' } })
    expect(parsePairwiseReply(null, { refusal: 'Cannot.' })).toMatchObject({ ok: false, fault: { kind: 'refused' } })
  })
})

describe('combinePairwise', () => {
  it('agreeing orders give that winner (positions mapped back to a/b)', () => {
    // order 'ab': A is a; order 'ba': B is a
    expect(combinePairwise(win('A'), win('B'))).toMatchObject({ ok: true, winner: 'a', consistent: true, byOrder: { ab: 'a', ba: 'a' } })
    expect(combinePairwise(win('B'), win('A'))).toMatchObject({ ok: true, winner: 'b', consistent: true })
    expect(combinePairwise(win('TIE'), win('TIE'))).toMatchObject({ ok: true, winner: 'tie', consistent: true })
  })

  it('disagreeing orders (position bias) give a tie', () => {
    const out = combinePairwise(win('A'), win('A'))
    expect(out).toMatchObject({ ok: true, winner: 'tie', consistent: false, byOrder: { ab: 'a', ba: 'b' } })
    expect(combinePairwise(win('A'), win('TIE'))).toMatchObject({ ok: true, winner: 'tie', consistent: false })
  })

  it('returns both raw results', () => {
    const ab = win('A')
    const ba = win('B')
    expect(combinePairwise(ab, ba)).toMatchObject({ ab, ba })
  })

  it('a fault in either order is a fault, never a win', () => {
    const bad = parsePairwiseReply('nope')
    expect(combinePairwise(win('A'), bad)).toMatchObject({ ok: false, faultOrder: 'ba', fault: { kind: 'not_json', message: "pairwise run 'ba': judge reply contains no JSON object" } })
    expect(combinePairwise(bad, bad)).toMatchObject({ ok: false, faultOrder: 'ab' })
  })
})
