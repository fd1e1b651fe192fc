/**
 * evalgate's matchers as a plain object, for `expect.extend(matchers)`. Importing this module has no side
 * effects: use it to wire the matchers yourself; the plugin's setup file does it for you.
 */
import { toMatchSchema } from './toMatchSchema.js'
import { toStayUnderLatency } from './toStayUnderLatency.js'
import { toMatchBaseline } from './toMatchBaseline.js'

export { toMatchSchema, toStayUnderLatency, toMatchBaseline }
export type { MatchSchemaOptions } from './toMatchSchema.js'
export type { LatencyExpectation } from './toStayUnderLatency.js'
export type { MatchBaselineOptions } from './toMatchBaseline.js'
export type { MatcherContext, MatcherResult } from './context.js'

export const matchers = { toMatchSchema, toStayUnderLatency, toMatchBaseline }
export default matchers
