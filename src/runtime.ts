/**
 * `evalgate/runtime`: the part of evalgate meant for production code, which loads no Vitest (an app
 * without vitest installed can import it): measured OpenAI-compatible calls (`wrapOpenAI`), continuous
 * sampling of production traffic into eval cases (`sampleForEval`), and JSON-schema checks of model output.
 * Outside a test, `wrapOpenAI` measures each call onto the result (`getMeasurement`) and records nothing else.
 */
export { wrapOpenAI, getMeasurement } from './measure/wrap-openai.js'
export type { OpenAILike, WrapOptions } from './measure/wrap-openai.js'
export type { CallMeasurement, CallError, CallErrorKind, CallKind } from './measure/types.js'
export { sampleForEval, sampleScore, shouldSample } from './cases/sample/continuous.js'
export type { SampleForEvalOptions } from './cases/sample/continuous.js'
export type { LogEntry } from './cases/types.js'
export { checkSchema, extractJson, SchemaError } from './schema/index.js'
export type { CheckSchemaOptions, JsonSchema, SchemaCheckResult } from './schema/index.js'
