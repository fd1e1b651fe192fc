import { describe, expect, it, test } from 'vitest'
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

describe('option errors say what is allowed, without ajv anyOf noise', () => {
  const message = (options: unknown) => {
    try {
      resolveOptions(options)
    } catch (error) {
      return (error as Error).message
    }
    throw new Error('expected an options error')
  }
  it('an alternative of the wrong type names every allowed kind', () => {
    const m = message({ reporter: { json: 3 } })
    expect(m).toContain('option "reporter.json" must be a string or false')
    expect(m).not.toMatch(/equal to constant|match a schema in anyOf/)
    expect(message({ cache: 'yes' })).toContain('option "cache" must be a boolean or an object')
  })
  it('a value inside the chosen alternative is reported alone', () => {
    const m = message({ cache: { mode: 'fast', endpointAlias: 'a b' } })
    expect(m).toBe(
      'evalgate: invalid plugin options:\n' +
        '  - option "cache.mode" must be one of "read-write", "replay", "record", "off"\n' +
        '  - option "cache.endpointAlias" must be made of the characters A-Za-z0-9._-',
    )
    expect(message({ cache: { dir: 'x', bogus: 1 } })).toContain('unknown option "cache.bogus"')
  })
  it('accepts cache.endpointAlias and judge.maxTokens', () => {
    const o = resolveOptions({ cache: { endpointAlias: 'local-model' }, judge: { maxTokens: 200 } })
    expect(o.cache.endpointAlias).toBe('local-model')
    expect(o.judge.maxTokens).toBe(200)
    expect(resolveOptions({}).judge.maxTokens).toBe(1024)
  })
})
