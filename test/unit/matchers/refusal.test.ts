import { describe, expect, it } from 'vitest'
import { detectRefusal } from '../../../src/matchers/refusal.js'

describe('detectRefusal', () => {
  it.each([
    "I can't help with that.",
    'I can’t help with that request.',
    'I cannot assist with this.',
    'I can not provide that information.',
    "I'm sorry, but I won't do that.",
    'I am sorry, but I must decline.',
    'Sorry, I cannot share personal data.',
    'Unfortunately, I am unable to complete this request.',
    "I'm unable to help with hacking.",
    "I'm not able to assist with that.",
    'As an AI language model, I do not have opinions.',
    'I must respectfully decline.',
    'I apologise, but I will not write that.',
    "I'm afraid I can't do that.",
    'That is not something I can help with.',
    'This request goes against my guidelines.',
    "It's not appropriate for me to comment.",
    'I won’t really engage with that.',
  ])('refusal: %s', (text) => {
    const check = detectRefusal(text)
    expect(check.refused).toBe(true)
    expect(check.source).toBe('phrases')
    expect(check.phrases.length).toBeGreaterThan(0)
  })

  it.each([
    'Your order ships tomorrow.',
    "I can't help but notice you were charged twice, so I refunded it.",
    'Here is how I can help: open Settings, then Billing.',
    'The refund cannot be processed before Monday, but it is scheduled.',
    'I will help you with that right away.',
    '',
  ])('not a refusal: %j', (text) => {
    expect(detectRefusal(text)).toEqual({ refused: false, source: 'none', phrases: [] })
  })

  it('lists phrases in text order without overlaps', () => {
    expect(detectRefusal("I'm sorry, but I can't help with that. As an AI, I must decline.").phrases).toEqual([
      "I can't help",
      'As an AI',
      'I must decline',
    ])
  })

  it('a non-empty refusal field is a refusal whatever the text', () => {
    expect(detectRefusal('', 'I cannot comply.')).toEqual({ refused: true, source: 'refusal_field', phrases: [] })
    expect(detectRefusal('Sure!', '  ').refused).toBe(false)
  })
})
