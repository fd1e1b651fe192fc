import { describe, expect, test } from 'vitest'
import { redactDeep, redactError, redactSecrets, registerSecret } from '../../../src/util/redact.js'

describe('redactSecrets', () => {
  test('sk- tokens, Bearer credentials and registered keys are replaced', () => {
    registerSecret('Bearer plain-key-without-prefix-123')
    const text = 'Incorrect API key provided: sk-proj-abcDEF123456. Header "Authorization: Bearer xyz.789" key plain-key-without-prefix-123'
    const out = redactSecrets(text)
    expect(out).not.toMatch(/sk-proj|xyz\.789|plain-key-without/)
    expect(out).toContain('[REDACTED]')
  })
  test('a key registered or set in the environment after earlier redactions is redacted from then on', () => {
    const before = { reason: 'uses late-key-7777 and env-key-8888' }
    expect(redactDeep(before)).toBe(before)
    registerSecret('late-key-7777')
    expect(redactDeep(before).reason).toBe('uses [REDACTED] and env-key-8888')
    const saved = process.env.EVALGATE_JUDGE_API_KEY
    process.env.EVALGATE_JUDGE_API_KEY = 'env-key-8888'
    try {
      expect(redactDeep(before).reason).toBe('uses [REDACTED] and [REDACTED]')
      // A one-off extra secret counts for that call only.
      expect(redactSecrets('tok extra-9999', ['extra-9999'])).toBe('tok [REDACTED]')
      expect(redactSecrets('tok extra-9999')).toBe('tok extra-9999')
    } finally {
      if (saved === undefined) delete process.env.EVALGATE_JUDGE_API_KEY
      else process.env.EVALGATE_JUDGE_API_KEY = saved
    }
    expect(redactDeep(before).reason).toBe('uses [REDACTED] and env-key-8888')
  })
  test('bearer credentials in any letter case, and sk- keys anywhere in a string', () => {
    expect(redactSecrets('authorization: bearer abc.def.ghi')).not.toContain('abc.def')
    expect(redactSecrets('AUTHORIZATION: BEARER\tq1w2e3r4')).not.toContain('q1w2e3r4')
    expect(redactSecrets('key=sk-ddddddddddddd;')).toBe('key=[REDACTED];')
    expect(redactSecrets('a risk-taker, no key here')).toBe('a risk-taker, no key here')
  })
  test('deep copies of plain data and errors in place', () => {
    const data = { a: ['sk-aaaaaaaaaaaa'], b: { c: 'Bearer t0ken' }, n: 3 }
    expect(JSON.stringify(redactDeep(data))).not.toMatch(/sk-a|t0ken/)
    expect(data.a[0]).toBe('sk-aaaaaaaaaaaa')
    const e = Object.assign(new Error('401: sk-bbbbbbbbbbbb'), { error: { message: 'echo sk-bbbbbbbbbbbb' } })
    redactError(e)
    expect(JSON.stringify({ m: e.message, s: e.stack, e: e.error })).not.toContain('sk-bbbb')
  })
  test('data holding no secret is returned as it is; a secret anywhere in it gives a redacted copy', () => {
    registerSecret('registered-key-4242')
    const clean = { matcher: 'toMatchSchema', details: { source: 'whole', errors: 0, list: ['a', 'bb'] }, score: 1 }
    expect(redactDeep(clean)).toBe(clean)
    for (const secret of ['registered-key-4242', 'sk-cccccccccccc', 'Bearer abc.def']) {
      const dirty = { matcher: 'm', details: { deep: [{ reason: `said ${secret} here` }] } }
      const out = redactDeep(dirty)
      expect(out).not.toBe(dirty)
      expect(JSON.stringify(out)).toContain('[REDACTED]')
      expect(JSON.stringify(out)).not.toContain(secret.replace(/^Bearer /, ''))
      expect(dirty.details.deep[0]!.reason).toContain(secret)
    }
    // A secret registered later is caught by the next call (the sorted secret list is not kept stale).
    const later = { text: 'uses late-secret-777' }
    expect(redactDeep(later)).toBe(later)
    registerSecret('late-secret-777')
    expect(redactDeep(later).text).toBe('uses [REDACTED]')
  })
})
