/**
 * Vitest 5 only: `Assertion<R, T>` carries the return type, and a user's own augmentation with Vitest 5's
 * `Matchers<R, T>` signature still merges beside evalgate's.
 */
import { expect, expectTypeOf, type Assertion } from 'vitest'
import 'evalgate'
import type { EvalgateMatchersOn } from 'evalgate/vitest'

interface CustomMatchers<R = unknown> {
  toBeTicketId(): R
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown> extends CustomMatchers<R> {}
}

const a: Assertion<Promise<void>, string> = expect(Promise.resolve('x')).resolves
expectTypeOf(a.toMatchSchema({ type: 'string' })).toEqualTypeOf<Promise<void>>()
expectTypeOf(a.toMatchLabel('x')).toEqualTypeOf<Promise<void>>()
expectTypeOf(expect('T-1').toBeTicketId()).toEqualTypeOf<void>()
expectTypeOf(expect(async () => 1).toStayUnderLatency({ p50: 10 })).toEqualTypeOf<Promise<void>>()
expectTypeOf<EvalgateMatchersOn<Assertion<Promise<void>, string>>['toMatchLabel']>().returns.toEqualTypeOf<Promise<void>>()
