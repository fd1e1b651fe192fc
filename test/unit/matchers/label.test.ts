import { describe, expect, it } from 'vitest'
import { matchLabel, normalizeLabel } from '../../../src/matchers/label.js'

describe('normalizeLabel', () => {
  it.each([
    ['"Billing."', 'billing'],
    ['  **Refund\n  Request** ', 'refund request'],
    ['`bug`', 'bug'],
    ['«Compte»', 'compte'],
    ["'BILLING'!", 'billing'],
    ['Ｂｉｌｌｉｎｇ', 'billing'],
    ['re-open', 're-open'],
    ['C++', 'c++'],
    ['...', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected)
  })
})

describe('matchLabel', () => {
  it('returns the first expected label that matches', () => {
    expect(matchLabel('Bug.', ['billing', 'BUG', 'bug'])).toBe('BUG')
    expect(matchLabel('shipping', ['billing', 'bug'])).toBeUndefined()
    expect(matchLabel('reopen', ['re-open'])).toBeUndefined()
  })
})
