/**
 * evalgate: a Vitest plugin for LLM regression suites.
 * `plugins: [evalgate()]` in vitest.config.ts gives every test file the evalgate matchers.
 */
import './vitest.js'

export { evalgate, SETUP_FILE, EvalgateOptionsError } from './plugin/index.js'
export type { EvalgateOptions, ResolvedOptions } from './plugin/index.js'
export { wrapOpenAI, getMeasurement } from './measure/wrap-openai.js'
export type { OpenAILike, WrapOptions } from './measure/wrap-openai.js'
export type { CallMeasurement, CallError, CallErrorKind, CallKind } from './measure/types.js'
export { runLoad } from './latency/load.js'
export type { LoadOptions, LoadResult, LoadSample } from './latency/load.js'
export type { LatencyLimits, LatencyMetric } from './latency/limits.js'
export { percentile, summarize } from './stats/percentile.js'
export type { Distribution } from './stats/percentile.js'
export { checkSchema, extractJson, SchemaError } from './schema/index.js'
export type { EvalgateMatchers } from './matchers/types.js'
export type { MatchSchemaOptions, LatencyExpectation } from './matchers/index.js'
export type { EvalgateTaskMeta, MatcherRecord } from './meta/index.js'
