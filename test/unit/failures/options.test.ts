import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../../../src/plugin/options.js'
import { gateSettings } from '../../../src/gate/run.js'

describe('gate.failureRates option', () => {
  it('accepts kinds and kind@category, passes them to the gate settings', () => {
    const o = resolveOptions({ gate: { failureRates: { hallucination: { max: 0.005 }, 'refusal@billing': { max: 0.02 } } } })
    expect(gateSettings(o).failureRates).toEqual({ hallucination: { max: 0.005 }, 'refusal@billing': { max: 0.02 } })
  })
  it('rejects unknown kinds, bad limits and unknown keys, naming the option', () => {
    expect(() => resolveOptions({ gate: { failureRates: { halucination: { max: 0.1 } } } })).toThrow('option gate.failureRates["halucination"]: unknown failure kind "halucination" (kinds: format, refusal, hallucination, drift, tool, wrong, error; a key is kind or kind@category)')
    expect(() => resolveOptions({ gate: { failureRates: { wrong: { max: 1 } } } })).toThrow(/gate\.failureRates\.wrong\.max|failureRates/)
    expect(() => resolveOptions({ gate: { failureRates: { wrong: { max: 0.1, alpha: 0.1 } } } })).toThrow(/alpha/)
  })
})
