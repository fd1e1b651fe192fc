import { describe, expect, test } from 'vitest'
import { DEFAULT_OPTIONS, EvalgateOptionsError, resolveOptions } from '../../../src/plugin/options.js'

describe('plugin options', () => {
  test('defaults come from one place', () => {
    expect(resolveOptions({})).toMatchObject({
      measure: DEFAULT_OPTIONS.measure,
      schema: DEFAULT_OPTIONS.schema,
      baselines: DEFAULT_OPTIONS.baselines,
      gate: DEFAULT_OPTIONS.gate,
    })
    expect(resolveOptions({ gate: { margin: 0.05 } }).gate).toMatchObject({ margin: 0.05, alpha: 0.05 })
  })
  test('every bad option is named', () => {
    const bad = () => resolveOptions({ gate: { alpah: 0.1, method: 'z' }, baselines: { dir: 3 } })
    expect(bad).toThrow(EvalgateOptionsError)
    expect(bad).toThrow('unknown option "gate.alpah"')
    expect(bad).toThrow('option "gate.method" must be one of "auto", "t", "sign", "bootstrap"')
    expect(bad).toThrow('option "baselines.dir" must be string')
  })
})
