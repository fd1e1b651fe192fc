/**
 * The `Matchers` augmentation of Vitest: adds evalgate's matchers to `expect(…)`. Loaded through
 * src/vitest.ts (`evalgate/vitest`, included by `import { evalgate } from 'evalgate'`).
 *
 * One augmentation serves Vitest 4 and Vitest 5. Vitest 4 declares `Matchers<T = any>`, Vitest 5
 * `Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown>`, and an augmentation
 * must repeat the type parameters of the interface it merges with (TS2428) — except that it may declare
 * none at all. So `Matchers` is augmented without type parameters, and each matcher reads `R` and `T`
 * from the polymorphic `this` type, which is the assertion the matcher is called on (`Assertion<T>` in
 * Vitest 4, `Assertion<R, T>` in Vitest 5; `.not`, `.resolves`, `expect.soft` and `expect.poll` included).
 */
import type { expect } from 'vitest'
import type { EvalgateMatchers } from './types.js'

export type { EvalgateMatchers }

/** What a synchronous matcher returns on the assertion `A`: Vitest 5's `R`, `void` on Vitest 4 (whose `.resolves` wraps it). */
type ReturnOf<A> = A extends { toBeTypeOf: (...args: never[]) => infer R } ? R : unknown

/** The assertion `expect(received: X)` returns, in whichever major is installed. */
type AssertionFor<X> = ReturnType<typeof expect<X>>

/** The received type `T` of the assertion `A` (`unknown` on `expect.not`/asymmetric use). */
type ReceivedOf<A> = A extends { toBeTypeOf: unknown } ? (A extends AssertionFor<infer T> ? T : unknown) : unknown

/** evalgate's matchers as seen on the assertion `A`. */
export type EvalgateMatchersOn<A> = EvalgateMatchers<ReturnOf<A>, ReceivedOf<A>>

declare module 'vitest' {
  // No type parameters on purpose (see the file comment). Every matcher of `EvalgateMatchers` is listed
  // here once; a missing one fails `npm run typecheck` at `AllMatchersListed` below.
  interface Matchers {
    toMatchSchema: EvalgateMatchersOn<this>['toMatchSchema']
    toStayUnderLatency: EvalgateMatchersOn<this>['toStayUnderLatency']
    toMatchBaseline: EvalgateMatchersOn<this>['toMatchBaseline']
    toPassRubric: EvalgateMatchersOn<this>['toPassRubric']
    toBeSimilarTo: EvalgateMatchersOn<this>['toBeSimilarTo']
    toMatchLabel: EvalgateMatchersOn<this>['toMatchLabel']
    toRefuse: EvalgateMatchersOn<this>['toRefuse']
    toCallTool: EvalgateMatchersOn<this>['toCallTool']
    toBeGrounded: EvalgateMatchersOn<this>['toBeGrounded']
    toFollowTrajectory: EvalgateMatchersOn<this>['toFollowTrajectory']
  }
}

/** Compile-time guard: names the `EvalgateMatchers` keys missing from the `Matchers` augmentation above. */
type MustBeNever<K extends never> = K
type AllMatchersListed = MustBeNever<Exclude<keyof EvalgateMatchers, keyof import('vitest').Matchers>>
