/**
 * Every matcher evalgate adds to `expect`, listed once: `matchers/index.ts` builds the `matchers` object
 * from this module. A new matcher = a file in this folder, a line here, its signature in `types.ts`, and
 * its name in the `Matchers` augmentation of `vitest.ts` here (typecheck names a missing one).
 */
export { toMatchSchema } from './toMatchSchema.js'
export { toStayUnderLatency } from './toStayUnderLatency.js'
export { toMatchBaseline } from './toMatchBaseline.js'
export { toPassRubric } from './toPassRubric.js'
export { toBeSimilarTo } from './toBeSimilarTo.js'
export { toMatchLabel } from './toMatchLabel.js'
export { toRefuse } from './toRefuse.js'
export { toCallTool } from './toCallTool.js'
export { toBeGrounded } from './toBeGrounded.js'
export { toFollowTrajectory } from './toFollowTrajectory.js'
