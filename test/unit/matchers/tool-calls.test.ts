import { describe, expect, it } from 'vitest'
import { readToolCalls } from '../../../src/matchers/tool-calls.js'

const call = (name: string, args: string) => ({ id: `call_${name}`, type: 'function', function: { name, arguments: args } })

describe('readToolCalls', () => {
  it('reads every choice of a chat completion', () => {
    const completion = {
      choices: [
        { message: { role: 'assistant', content: null, tool_calls: [call('a', '{}')] } },
        { message: { role: 'assistant', content: 'no tools' } },
        { message: { role: 'assistant', content: null, tool_calls: [call('b', '{"x":1}')] } },
      ],
    }
    expect(readToolCalls(completion)).toEqual([
      { index: 0, type: 'function', name: 'a', arguments: '{}' },
      { index: 1, type: 'function', name: 'b', arguments: '{"x":1}' },
    ])
  })

  it('reads a message and a tool_calls array', () => {
    expect(readToolCalls({ role: 'assistant', content: null, tool_calls: [call('a', '{}')] })).toHaveLength(1)
    expect(readToolCalls({ role: 'assistant', content: 'hi' })).toEqual([])
    expect(readToolCalls([call('a', '{}'), call('b', '[]')])?.map((c) => c.name)).toEqual(['a', 'b'])
    expect(readToolCalls([])).toEqual([])
  })

  it('lists custom tool calls with their type and input', () => {
    expect(readToolCalls([{ id: 'c', type: 'custom', custom: { name: 'grep', input: 'foo' } }])).toEqual([{ index: 0, type: 'custom', name: 'grep', arguments: 'foo' }])
  })

  it('is undefined for anything else', () => {
    expect(readToolCalls('lookup_order()')).toBeUndefined()
    expect(readToolCalls(null)).toBeUndefined()
    expect(readToolCalls({ foo: 1 })).toBeUndefined()
    expect(readToolCalls([1, 2])).toBeUndefined()
  })
})
