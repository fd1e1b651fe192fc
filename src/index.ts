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
export { record, tagCase } from './baseline/api.js'
export { fingerprint } from './baseline/fingerprint.js'
export type { FingerprintInput } from './baseline/fingerprint.js'
export type { BaselineFile, CaseRecord, Fingerprint, Regression, CaseBaselineMeta, FileBaselineMeta } from './baseline/types.js'
export type { MatchBaselineOptions } from './matchers/index.js'
export type { CaseInfo } from './meta/index.js'
export { loadCases, CaseFileError, selectSubset, writeSubset, readSubset, stratifiedSample, logsToCases, sampleForEval } from './cases/index.js'
export type { EvalCase, LoadCasesOptions, CaseHistory, SubsetResult, SubsetFile } from './cases/index.js'
