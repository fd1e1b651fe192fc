/**
 * Vitest 4 only: `Assertion<T>` has one type parameter, and a user's own augmentation with Vitest 4's
 * `Matchers<T = any>` signature still merges beside evalgate's.
 */
import { expect, expectTypeOf, type Assertion } from 'vitest'
import 'evalgate'
import type { EvalgateMatchersOn } from 'evalgate/vitest'

interface CustomMatchers<R = unknown> {
  toBeTicketId(): R
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CustomMatchers<T> {}
}

const a: Assertion<string> = expect('x')
expectTypeOf(a.toMatchSchema({ type: 'string' })).toEqualTypeOf<void>()
expectTypeOf(expect('T-1').toBeTicketId()).toEqualTypeOf<string>()
expectTypeOf(expect(async () => 1).toStayUnderLatency({ p50: 10 })).toEqualTypeOf<Promise<void>>()
expectTypeOf<EvalgateMatchersOn<Assertion<string>>['toMatchLabel']>().returns.toEqualTypeOf<void>()
