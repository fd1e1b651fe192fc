import { describe, expect, it } from 'vitest'
import { receivedText } from '../../../src/matchers/received.js'

describe('receivedText', () => {
  it('takes strings, completions and messages', () => {
    expect(receivedText('m', 'hi')).toEqual({ text: 'hi', refusal: null, source: 'string' })
    expect(receivedText('m', { choices: [{ message: { role: 'assistant', content: 'hey', refusal: null } }] })).toEqual({ text: 'hey', refusal: null, source: 'completion' })
    expect(receivedText('m', { role: 'assistant', content: null, refusal: 'No.' })).toEqual({ text: '', refusal: 'No.', source: 'message' })
    expect(receivedText('m', { role: 'assistant', content: [{ type: 'text', text: 'a' }, { type: 'image_url' }, { type: 'text', text: 'b' }] }).text).toBe('ab')
  })

  it('serialises JSON values only when allowed', () => {
    expect(receivedText('m', { category: 'billing' }, { json: true })).toEqual({ text: '{\n  "category": "billing"\n}', refusal: null, source: 'json' })
    expect(() => receivedText('m', { category: 'billing' })).toThrow('m: received must be a string, a chat completion or a chat message; got object')
  })

  it('rejects undefined, null, functions and completions without a message', () => {
    for (const bad of [undefined, null, () => 'x', Symbol('s')]) expect(() => receivedText('m', bad, { json: true })).toThrow(/received must be/)
    expect(() => receivedText('m', { choices: [] })).toThrow('the chat completion has no choices[0].message')
  })
})
