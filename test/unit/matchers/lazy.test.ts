import { describe, expect, test } from 'vitest'
import { lazyMatchers } from '../../../src/matchers/lazy.js'
import { matchers } from '../../../src/matchers/index.js'
import type { MatcherContext } from '../../../src/matchers/context.js'

/** The matchers the setup file registers: the same as `matchers`, the async ones loading their module on first call. */
const ctx = { isNot: false, utils: { matcherHint: (n: string) => n, printExpected: String, printReceived: String }, equals: Object.is } as unknown as MatcherContext

async function outcome(fn: unknown, args: unknown[]): Promise<string> {
  try {
    const result = await (fn as (this: MatcherContext, ...a: unknown[]) => unknown).apply(ctx, args)
    return `resolved ${JSON.stringify(result)}`
  } catch (error) {
    return `rejected ${(error as Error).name}: ${(error as Error).message}`
  }
}

describe('lazy matcher registration (worker setup)', () => {
  test('the same matcher names as evalgate/matchers', () => {
    expect(Object.keys(lazyMatchers).sort()).toEqual(Object.keys(matchers).sort())
  })

  test('sync matchers are the implementations themselves (they must stay sync)', () => {
    for (const name of ['toMatchSchema', 'toStayUnderLatency', 'toMatchLabel', 'toRefuse', 'toCallTool', 'toFollowTrajectory'] as const) {
      expect(lazyMatchers[name], name).toBe(matchers[name])
    }
  })

  test.each([
    ['toPassRubric', ['an output', 'not a list']],
    ['toPassRubric', ['an output', ['is polite'], { nope: 1 }]],
    ['toBeSimilarTo', ['an output', 3]],
    ['toBeGrounded', ['an output', 5]],
    ['toMatchBaseline', ['an output', '']],
  ] as const)('%s(%j): the lazy wrapper settles exactly as the implementation', async (name, args) => {
    const lazy = lazyMatchers[name]
    expect(lazy).not.toBe(matchers[name])
    const direct = await outcome(matchers[name], [...args])
    expect(direct).toMatch(/^rejected /)
    expect(await outcome(lazy, [...args])).toBe(direct)
    // Always a promise, as the async implementation returns one.
    const p = (lazy as (this: MatcherContext, ...a: unknown[]) => unknown).apply(ctx, [...args]) as Promise<unknown>
    expect(p).toBeInstanceOf(Promise)
    await p.catch(() => undefined)
  })
})
