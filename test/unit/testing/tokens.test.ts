import { describe, expect, it } from 'vitest'
import { countTokens } from '../../../src/testing/index.js'
import { countPromptTokens, truncateToTokens } from '../../../src/testing/tokens.js'
import { splitPieces } from '../../../src/testing/sse.js'

describe('token approximation', () => {
  it('counts words and punctuation', () => {
    expect(countTokens('')).toBe(0)
    expect(countTokens('Hello, world!')).toBe(4)
    expect(countTokens('  naïve café 42  ')).toBe(3)
  })

  it('truncates after n tokens', () => {
    expect(truncateToTokens('a b c', 2)).toEqual({ text: 'a b', truncated: true })
    expect(truncateToTokens('a b', 2)).toEqual({ text: 'a b', truncated: false })
    expect(truncateToTokens('a b', 5)).toEqual({ text: 'a b', truncated: false })
  })

  it('counts prompt tokens across messages, parts and tool calls', () => {
    expect(
      countPromptTokens([
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'hi there' }, { type: 'image_url' }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      ]),
    ).toBe(7)
  })
})

describe('stream splitting', () => {
  it('splits into word pieces that concatenate back', () => {
    for (const text of ['', 'one', '  lead and trail  ', 'a\nb\n\nc', 'The quick brown fox.']) {
      expect(splitPieces(text).join('')).toBe(text)
    }
    expect(splitPieces('The quick brown fox.')).toEqual(['The ', 'quick ', 'brown ', 'fox.'])
  })
})
