import { compileSchema } from './compile.js'
import { missingRequiredPaths, requiredCoverage } from './coverage.js'
import { extractJson } from './extract.js'
import type { CheckSchemaOptions, JsonSchema, RequiredCoverage, SchemaCheckResult } from './types.js'

/**
 * Checks an LLM output against a JSON Schema; the engine behind `toMatchSchema`.
 *
 * - A string is searched for JSON with {@link extractJson} (honouring `strict`); with
 *   `extract: false` it is validated as a plain string value instead.
 * - Any other value (object, array, number, null…) is validated as it is.
 * - `partialScore` is 1 for a valid value, 0 when no JSON was found, and for JSON that fails the
 *   schema half the share of required keys present (`0.5 * required.present / required.total`, see
 *   `requiredCoverage`; 0 when the schema requires no keys): never 1 for an invalid value, so a validity
 *   regression always moves the score.
 *
 * The schema is compiled (and cached) first, so an invalid schema throws `SchemaError` whatever
 * the output is.
 */
export function checkSchema(received: unknown, schema: JsonSchema, options: CheckSchemaOptions = {}): SchemaCheckResult {
  const compiled = compileSchema(schema, { ...(options.allowKeywords ? { allowKeywords: options.allowKeywords } : {}), ...(options.allowFormats ? { allowFormats: options.allowFormats } : {}) })
  const schemaWarnings = [...compiled.warnings]
  let value: unknown = received
  let found: Pick<SchemaCheckResult, 'source' | 'span'> = { source: 'value' }
  if (typeof received === 'string' && options.extract !== false) {
    const extracted = extractJson(received, { strict: options.strict ?? false })
    if (!extracted.ok) {
      return {
        pass: false,
        parsed: false,
        errors: [],
        missingRequired: [],
        required: { present: 0, total: 0 },
        partialScore: 0,
        reason: extracted.reason,
        reasonMessage: extracted.message,
        schemaWarnings,
      }
    }
    value = extracted.value
    found = { source: extracted.source, span: extracted.span }
  }
  const { valid, errors } = compiled.validate(value)
  // A valid value scores 1 whatever its coverage (present === total then): the walk is paid when `required`
  // is read (an invalid value's score, a `.not` message), not by every passing case.
  let required: RequiredCoverage | undefined
  const coverage = () => (required ??= requiredCoverage(schema, value))
  return {
    pass: valid,
    parsed: true,
    value,
    ...found,
    errors,
    missingRequired: missingRequiredPaths(errors),
    get required() {
      return coverage()
    },
    partialScore: valid ? 1 : schemaScore(false, coverage()),
    schemaWarnings,
  }
}

/** Score of parsed JSON: 1 when valid; else partial credit `0.5 * present / total` (strictly below 1). */
export function schemaScore(valid: boolean, required: { present: number; total: number }): number {
  if (valid) return 1
  return required.total === 0 ? 0 : (0.5 * required.present) / required.total
}
