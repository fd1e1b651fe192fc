import { describe, expect, test } from 'vitest'
import type { TestModule } from 'vitest/node'
import { EVALGATE_META_KEY, needsRunEnd, runHasEvalgateData } from '../../../src/plugin/reporter.js'
import { META_KEY } from '../../../src/meta/index.js'
import { resolveOptions } from '../../../src/plugin/options.js'

/** A finished test module as the reporter reads it: module meta and its tests' meta. */
function mod(fileMeta: object, testMetas: object[]): TestModule {
  return { meta: () => fileMeta, children: { allTests: () => testMetas.map((m) => ({ meta: () => m }))[Symbol.iterator]() } } as unknown as TestModule
}

describe('the reporter loads the gate and renderers only when the run end has something to do', () => {
  const plain = [mod({}, [{}, { other: 1 }])]
  const withData = [mod({}, [{}, { [META_KEY]: { calls: [], matchers: [{ matcher: 'toMatchSchema', pass: true }] } }])]
  const withFileMeta = [mod({ [META_KEY]: { baseline: { file: 'snapshots/a.json' } } }, [{}])]

  test('its meta key is the one meta/index.ts writes', () => {
    expect(EVALGATE_META_KEY).toBe(META_KEY)
  })

  test('a run with no evalgate data and default options: nothing to load', () => {
    expect(runHasEvalgateData(plain)).toBe(false)
    expect(needsRunEnd(resolveOptions({}), false, plain)).toBe(false)
    expect(needsRunEnd(resolveOptions({}), false, [])).toBe(false)
  })

  test('evalgate data in a test or a file: the run end runs', () => {
    expect(needsRunEnd(resolveOptions({}), false, withData)).toBe(true)
    expect(needsRunEnd(resolveOptions({}), false, withFileMeta)).toBe(true)
  })

  test('outputs that are written without data load it too: JSON report, candidates, blob shard, gate.metrics, gate.failureRates', () => {
    expect(needsRunEnd(resolveOptions({ reporter: { json: 'r.json' } }), false, plain)).toBe(true)
    expect(needsRunEnd(resolveOptions({ candidates: { a: { baseURL: 'http://127.0.0.1:1/v1', model: 'm' }, b: { baseURL: 'http://127.0.0.1:2/v1', model: 'm' } } }), false, plain)).toBe(true)
    expect(needsRunEnd(resolveOptions({}), true, plain)).toBe(true)
    expect(needsRunEnd(resolveOptions({ gate: { metrics: ['pass'] } }), false, plain)).toBe(true)
    expect(needsRunEnd(resolveOptions({ gate: { failureRates: { hallucination: { max: 0.1 } } } }), false, plain)).toBe(true)
  })
})
