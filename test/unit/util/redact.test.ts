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
  test('deep copies of plain data and errors in place', () => {
    const data = { a: ['sk-aaaaaaaaaaaa'], b: { c: 'Bearer t0ken' }, n: 3 }
    expect(JSON.stringify(redactDeep(data))).not.toMatch(/sk-a|t0ken/)
    expect(data.a[0]).toBe('sk-aaaaaaaaaaaa')
    const e = Object.assign(new Error('401: sk-bbbbbbbbbbbb'), { error: { message: 'echo sk-bbbbbbbbbbbb' } })
    redactError(e)
    expect(JSON.stringify({ m: e.message, s: e.stack, e: e.error })).not.toContain('sk-bbbb')
  })
})
