/**
 * The engine behind `toMatchSchema`: JSON extraction from LLM output, cached ajv compilation
 * (draft-07, 2019-09, 2020-12, with ajv-formats), validation with required-key coverage, and
 * plain-text failure explanations. Pure: no Vitest imports.
 */
export { checkSchema } from './check.js'
export { compileSchema, clearSchemaCache, detectDraft, schemaCacheSize, SchemaError } from './compile.js'
export type { CompiledSchema } from './compile.js'
export { missingRequiredPaths, requiredCoverage } from './coverage.js'
export { extractJson } from './extract.js'
export { excerpt, formatSchemaFailure } from './format.js'
export type {
  CheckSchemaOptions,
  ExtractFailure,
  ExtractFailureReason,
  ExtractOptions,
  ExtractResult,
  ExtractSuccess,
  JsonSchema,
  JsonSource,
  RequiredCoverage,
  SchemaCheckResult,
  SchemaDraft,
  SchemaIssue,
  TextPosition,
} from './types.js'
