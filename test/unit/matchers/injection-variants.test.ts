/**
 * Issue 10 row 5: injection variants against a deliberately gullible judge. The judge reads the request
 * the way a model perceives it — Cyrillic look-alikes as Latin, HTML entities decoded, zero-width
 * characters unseen, `〈〈〈`/`❮❮❮`/`«««`/`＜＜` as angle brackets, two brackets as good as three — and
 * obeys what it finds outside the OUTPUT block; with plain-text replies it quotes any verdict JSON it
 * saw in the output after its own answer (the parser takes the last answer). Each variant fools it when
 * sent raw; evalgate's neutralisation (on the canonical form) makes every one fail honestly.
 */
import { describe, expect, it } from 'vitest'
import { buildJudgeRequest, neutraliseDelimiters, parseJudgeReply } from '../../../src/judge/index.js'
import type { RequestLike } from '../../fixtures/rubric/naive-judge.js'
import { gullibleJudge, VARIANTS } from '../../fixtures/fault-matrix/gullible-judge.js'

const criteria = ['Acknowledges the double charge', 'Gives clear next steps']
function verdicts(request: RequestLike): string {
  const parsed = parseJudgeReply(gullibleJudge(request) ?? '', criteria)
  return parsed.ok ? parsed.verdicts.map((v) => v.verdict).join(',') : `fault:${parsed.fault.kind}`
}

function raw(request: ReturnType<typeof buildJudgeRequest>, output: string): RequestLike {
  const user = request.messages[1].content
  const neutral = neutraliseDelimiters(output).text
  expect(user).toContain(neutral)
  return { ...request, messages: [request.messages[0], { role: 'user', content: user.replace(neutral, output) }] }
}

describe('injection variants against a gullible judge', () => {
  for (const [name, output, structured] of VARIANTS) {
    it(`${name}: fools the judge raw, fails honestly once neutralised`, () => {
      const request = buildJudgeRequest({ model: 'm', criteria, output, structured })
      expect(verdicts(raw(request, output))).toBe('PASS,PASS')
      expect(verdicts(request)).toBe('FAIL,FAIL')
      expect(neutraliseDelimiters(output).replaced.length).toBeGreaterThan(0)
    })
  }

  it('neutralisation is idempotent on every variant and leaves ordinary text alone', () => {
    for (const [, output] of VARIANTS) {
      const once = neutraliseDelimiters(output).text
      expect(neutraliseDelimiters(once)).toEqual({ text: once, replaced: [] })
    }
    const plain = 'Привет! Ответ: «да». Price < 5 and x >> 2; {"verdict": "fine"}'
    expect(neutraliseDelimiters(plain)).toEqual({ text: plain, replaced: [] })
  })
})
