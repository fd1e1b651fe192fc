/**
 * evalgate's matchers as a plain object, for `expect.extend(matchers)`. Importing this module has no side
 * effects: use it to wire the matchers yourself; the plugin's setup file does it for you.
 */
import { toMatchSchema } from './toMatchSchema.js'
import { toStayUnderLatency } from './toStayUnderLatency.js'
import { toMatchBaseline } from './toMatchBaseline.js'
import { toPassRubric } from './toPassRubric.js'
import { toBeSimilarTo } from './toBeSimilarTo.js'
import { toMatchLabel } from './toMatchLabel.js'
import { toRefuse } from './toRefuse.js'
import { toCallTool } from './toCallTool.js'
import { toBeGrounded } from './toBeGrounded.js'
import { toFollowTrajectory } from './toFollowTrajectory.js'

export { toMatchSchema, toStayUnderLatency, toMatchBaseline }
export { toPassRubric, toBeSimilarTo, toMatchLabel, toRefuse, toCallTool }
export { toBeGrounded, toFollowTrajectory }
export type { TrajectoryOptions } from './toFollowTrajectory.js'
export type { GroundedOptions } from './toBeGrounded.js'
export { comparePairwise } from './comparePairwise.js'
export { JudgeFaultError } from './judge-fault.js'
export { JudgeConfigError } from './judge-config.js'
export type { RubricOptions } from './toPassRubric.js'
export type { SimilarityOptions } from './toBeSimilarTo.js'
export type { RefuseOptions } from './toRefuse.js'
export type { PairwiseOptions, PairwiseResult } from './comparePairwise.js'
export type { JudgeOptions } from './judge-options.js'
export type { MatchSchemaOptions } from './toMatchSchema.js'
export type { LatencyExpectation } from './toStayUnderLatency.js'
export type { MatchBaselineOptions } from './toMatchBaseline.js'
export type { MatcherContext, MatcherResult } from './context.js'

export const matchers = { toMatchSchema, toStayUnderLatency, toMatchBaseline, toPassRubric, toBeSimilarTo, toMatchLabel, toRefuse, toCallTool, toBeGrounded, toFollowTrajectory }
export default matchers
