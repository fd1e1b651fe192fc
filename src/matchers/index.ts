/**
 * evalgate's matchers as a plain object, for `expect.extend(matchers)`. Importing this module has no side
 * effects: use it to wire the matchers yourself; the plugin's setup file does it for you.
 */
import * as list from './list.js'
import type { EvalgateMatchers } from './types.js'

export * from './list.js'
export type { TrajectoryOptions } from './toFollowTrajectory.js'
export type { GroundedOptions } from './toBeGrounded.js'
export { comparePairwise } from './comparePairwise.js'
export { JudgeFaultError } from './judge-fault.js'
export { JudgeConfigError } from '../endpoints/judge.js'
export type { RubricOptions } from './toPassRubric.js'
export type { SimilarityOptions } from './toBeSimilarTo.js'
export type { RefuseOptions } from './toRefuse.js'
export type { PairwiseOptions, PairwiseResult } from './comparePairwise.js'
export type { JudgeOptions } from '../endpoints/judge.js'
export type { MatchSchemaOptions } from './toMatchSchema.js'
export type { LatencyExpectation } from './toStayUnderLatency.js'
export type { MatchBaselineOptions } from './toMatchBaseline.js'
export type { MatcherContext, MatcherResult } from './context.js'

/** Compile-time guard: the `matchers` object and the typed `EvalgateMatchers` name the same matchers. */
type SameNames<A extends B, B> = A
export type MatcherName = SameNames<keyof typeof list, keyof EvalgateMatchers> & SameNames<keyof EvalgateMatchers, keyof typeof list>

/** Every matcher (src/matchers/list.ts), for `expect.extend(matchers)`. */
export const matchers = { ...list }
export default matchers
