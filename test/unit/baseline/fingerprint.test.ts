import { afterEach, describe, expect, it } from 'vitest'
import { fingerprint, FingerprintError, takeDeclaredFingerprint } from '../../../src/baseline/fingerprint.js'

afterEach(() => {
  takeDeclaredFingerprint()
})

describe('fingerprint() input', () => {
  it('rejects an unknown key, naming it and where it belongs (it used to be dropped silently)', () => {
    const call = () => fingerprint({ temperature: 0.7 } as never)
    expect(call).toThrow(FingerprintError)
    expect(call).toThrow('fingerprint: unknown key "temperature" (known: prompts, model, retrieval, other); put anything else that changes outputs under other, e.g. fingerprint({ other: { temperature: … } })')
    expect(takeDeclaredFingerprint().other).toEqual({})
  })

  it('rejects fields of the wrong type', () => {
    expect(() => fingerprint({ prompts: { system: 42 } } as never)).toThrow('fingerprint: prompts.system must be a string (the template text), got number')
    expect(() => fingerprint({ model: ['a', 1] } as never)).toThrow('fingerprint: model must be a model id or an array of model ids')
    expect(() => fingerprint({ other: 'x' } as never)).toThrow('fingerprint: other must be an object of name → value')
    expect(() => fingerprint(null as never)).toThrow('fingerprint: expected an object { prompts, model, retrieval, other }, got null')
  })

  it('accepts every documented field', () => {
    fingerprint({ prompts: { system: 'You are…' }, model: 'gpt-x', retrieval: { topK: 4 }, other: { temperature: 0.7 } })
    const d = takeDeclaredFingerprint()
    expect(Object.keys(d.prompts)).toEqual(['system'])
    expect(d.models).toEqual(['gpt-x'])
    expect(Object.keys(d.other)).toEqual(['temperature'])
  })
})
