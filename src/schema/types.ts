import type { TextPosition } from '../util/text.js'

export type { TextPosition }

/**
 * A JSON Schema: an object (draft-07 by default, or the draft named by its `$schema`) or a boolean
 * schema. Typed as `object` so interface types such as `JSONSchema7` are accepted as they are.
 */
export type JsonSchema = boolean | object

/** The JSON Schema drafts evalgate compiles. draft-07 is used when `$schema` is absent. */
export type SchemaDraft = 'draft-07' | '2019-09' | '2020-12'

/** Where extracted JSON came from: the whole output, a fenced code block, or prose around it. */
export type JsonSource = 'whole' | 'fence' | 'embedded'

/** Why no JSON could be taken from an output. */
export type ExtractFailureReason = 'empty' | 'not_json' | 'no_json_found' | 'invalid_json_in_fence'

/** Options for {@link extractJson}. */
export interface ExtractOptions {
  /** Demand that the whole text (surrounding whitespace allowed) is JSON. Default false. */
  strict?: boolean
}

/** A 1-based line/column position in the original text, with its 0-based UTF-16 offset. */

/** JSON was found. `span` is the [start, end) offset range of the JSON text in the input. */
export interface ExtractSuccess {
  ok: true
  value: unknown
  source: JsonSource
  span: [number, number]
}

/** No JSON was found. `message` is a sentence for people; `detail` is the raw parser message. */
export interface ExtractFailure {
  ok: false
  reason: ExtractFailureReason
  message: string
  detail?: string
  /** Where parsing failed, in the original text, when that is known. */
  position?: TextPosition
}

/** Result of {@link extractJson}. */
export type ExtractResult = ExtractSuccess | ExtractFailure

/** One validation error, from ajv. */
export interface SchemaIssue {
  /** JSON pointer of the failing value in the instance, e.g. `/items/0/price`; `''` is the root. */
  path: string
  /** ajv's message, e.g. `must be number`. */
  message: string
  /** The failing keyword, e.g. `type`, `required`, `format`. */
  keyword: string
  /** ajv's error params, e.g. `{ missingProperty: 'email' }`. */
  params: Record<string, unknown>
  /** Where the keyword sits in the schema, e.g. `#/properties/items/items/required`. */
  schemaPath: string
}

/** Options for {@link checkSchema}. */
export interface CheckSchemaOptions {
  /** Strings: require the whole string to be JSON (see {@link ExtractOptions.strict}). Default false. */
  strict?: boolean
  /**
   * Strings: extract JSON from the text (default true). With `false` a string is validated as a
   * string value, e.g. against `{ type: 'string', format: 'email' }`.
   */
  extract?: boolean
  /** Custom keywords the schema may use (unknown keywords are a schema error). */
  allowKeywords?: readonly string[]
  /** Custom formats the schema may use (unknown formats are a schema error); every string passes them. */
  allowFormats?: readonly string[]
}

/** How many of the required keys that apply to a value are present in it. */
export interface RequiredCoverage {
  present: number
  total: number
}

/** Plain-data result of {@link checkSchema}; the matcher turns it into pass/fail and a message. */
export interface SchemaCheckResult {
  /** JSON was obtained and it is valid against the schema. */
  pass: boolean
  /** JSON was obtained (always true for non-string input or `extract: false`). */
  parsed: boolean
  /** The validated value, when parsed. */
  value?: unknown
  /** Where the value came from; `'value'` when no extraction took place. */
  source?: JsonSource | 'value'
  /** Offsets of the JSON in the received text, when extracted. */
  span?: [number, number]
  /** Validation errors (empty when valid or not parsed). */
  errors: SchemaIssue[]
  /** JSON pointers of required properties that are missing, e.g. `/customer/email`. */
  missingRequired: string[]
  /** Required keys present / applicable (see `requiredCoverage`). `{ 0, 0 }` when not parsed. */
  required: RequiredCoverage
  /** 1 when valid; 0 when not parsed; invalid JSON: `0.5 * present / total` of `required` (0 when total is 0). */
  partialScore: number
  /** Why no JSON was obtained. */
  reason?: ExtractFailureReason
  /** A sentence explaining `reason`. */
  reasonMessage?: string
  /** Warnings ajv emitted while compiling the schema (e.g. unknown formats that are ignored). */
  schemaWarnings: string[]
}
