import { checkSchema, formatSchemaFailure, type JsonSchema } from '../schema/index.js'
import { schemaSlice } from '../schema/options.js'
import { optionSlice } from '../worker/context.js'
import { checkOptions } from './option-keys.js'
import { hint, MatcherUsageError, recordMatcher, type MatcherContext, type MatcherResult } from './context.js'

export interface MatchSchemaOptions {
  /** Demand that the whole output be JSON (no ```json fence, no prose). Default from plugin options, else false. */
  strict?: boolean
  /** Custom keywords the schema really uses (unknown keywords are a schema error, e.g. a misspelt `requird`). */
  allowKeywords?: readonly string[]
  /** Custom formats the schema really uses (unknown formats are a schema error); every string passes them. */
  allowFormats?: readonly string[]
}

const NAME = 'toMatchSchema'

const NONE: readonly string[] = []
/** The plugin's list and the assertion's, without a new array per call when either is empty. */
function joined(a: readonly string[] | undefined, b: readonly string[] | undefined): readonly string[] {
  if (!a?.length) return b ?? NONE
  return b?.length ? [...a, ...b] : a
}

/**
 * `expect(output).toMatchSchema(schema, { strict? })`: the received string (model output) or value is
 * valid JSON for the JSON Schema (draft-07 or 2020-12). JSON is extracted from a ```json fence or from
 * surrounding prose unless `strict`. Records the fraction of required keys present as a partial score.
 * An invalid schema throws (an error in the test), it does not fail the assertion about the output.
 */
export function toMatchSchema(this: MatcherContext, received: unknown, schema: JsonSchema, options: MatchSchemaOptions = {}): MatcherResult {
  checkOptions(NAME, options, ['strict', 'allowKeywords', 'allowFormats'])
  const plugin = optionSlice(schemaSlice)
  const strict = options.strict ?? plugin.strict
  const allowKeywords = joined(plugin.allowKeywords, options.allowKeywords)
  const allowFormats = joined(plugin.allowFormats, options.allowFormats)
  const result = checkSchema(received, schema, {
    strict,
    ...(allowKeywords.length ? { allowKeywords } : {}),
    ...(allowFormats.length ? { allowFormats } : {}),
  })
  recordMatcher(this, {
    matcher: NAME,
    pass: result.pass,
    score: result.partialScore,
    details: {
      parsed: result.parsed,
      source: result.source ?? null,
      errors: result.errors.length,
      missingRequired: result.missingRequired,
      ...(result.reason ? { reason: result.reason } : {}),
    },
  })
  const text = typeof received === 'string' ? received : undefined
  return {
    pass: result.pass,
    message: () =>
      result.pass
        ? `${hint(this, NAME, 'schema')}\n\nexpected the output not to match the schema, but it did (JSON from ${result.source})`
        : `${hint(this, NAME, 'schema')}\n\n${formatSchemaFailure(result, text)}${result.parsed ? `\n\npartial score: ${result.partialScore.toFixed(2)} (required keys present ${result.required.present}/${result.required.total})` : ''}`,
  }
}
