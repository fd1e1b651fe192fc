import { Ajv } from 'ajv'
import type { ErrorObject, Options, ValidateFunction } from 'ajv'
import { Ajv2019 } from 'ajv/dist/2019.js'
import { Ajv2020 } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'
import { stableHash } from '../util/stable.js'
import { showPointer } from './pointer.js'
import type { JsonSchema, SchemaDraft, SchemaIssue } from './types.js'

/**
 * The schema itself is unusable (not a schema, fails its meta-schema, unresolvable `$ref`,
 * unsupported `$schema`…). Thrown by {@link compileSchema} / `checkSchema`, so a matcher can
 * report a broken test rather than a failing output.
 */
export class SchemaError extends Error {
  override name = 'SchemaError'
}

/** A compiled, cached validator. Stateless: `validate` returns its errors instead of storing them. */
export interface CompiledSchema {
  /** stableHash of the schema: equal for schemas that differ only in key order. */
  readonly key: string
  readonly draft: SchemaDraft
  /** Warnings ajv logged while compiling, e.g. `unknown format "phone" ignored in schema at path "#"`. */
  readonly warnings: readonly string[]
  validate(value: unknown): { valid: boolean; errors: SchemaIssue[] }
}

const DRAFTS: ReadonlyArray<{ draft: SchemaDraft; pattern: RegExp; uri: string }> = [
  { draft: 'draft-07', pattern: /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/, uri: 'http://json-schema.org/draft-07/schema#' },
  { draft: '2019-09', pattern: /^https?:\/\/json-schema\.org\/draft\/2019-09\/schema#?$/, uri: 'https://json-schema.org/draft/2019-09/schema' },
  { draft: '2020-12', pattern: /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/, uri: 'https://json-schema.org/draft/2020-12/schema' },
]

/** Compiled validators by stableHash; oldest evicted past {@link MAX_CACHED}. */
const cache = new Map<string, CompiledSchema>()
const MAX_CACHED = 1000
const instances = new Map<SchemaDraft, Ajv>()
let sink: Set<string> | undefined

/**
 * ajv options: `allErrors` (report every problem); `strict: false`, because real-world schemas
 * carry unknown keywords (`x-*`, `nullable`…) and custom formats (`phone`…): those are ignored,
 * and ignored formats are reported in `warnings` instead of the console; `validateSchema: false`,
 * because {@link compileSchema} checks the meta-schema itself to word the error. A schema with an
 * `$id` is registered while it compiles (so it can `$ref` itself by that URI) and removed right
 * after, so the same `$id` can be compiled again (a changed schema) and schemas never resolve
 * each other's `$id`.
 */
const OPTIONS: Options = {
  allErrors: true,
  strict: false,
  validateSchema: false,
  logger: {
    log: () => undefined,
    warn: (...args: unknown[]) => void sink?.add(args.map(String).join(' ')),
    error: (...args: unknown[]) => void sink?.add(args.map(String).join(' ')),
  },
}

function instanceFor(draft: SchemaDraft): Ajv {
  let ajv = instances.get(draft)
  if (!ajv) {
    ajv = draft === '2020-12' ? new Ajv2020(OPTIONS) : draft === '2019-09' ? new Ajv2019(OPTIONS) : new Ajv(OPTIONS)
    formats.default(ajv)
    instances.set(draft, ajv)
  }
  return ajv
}

/**
 * The draft named by `$schema`: absent means draft-07; `http(s)://json-schema.org/draft-07/schema`,
 * `…/draft/2019-09/schema` and `…/draft/2020-12/schema` (trailing `#` optional) are supported.
 * Anything else (draft-04, draft-06, custom meta-schemas) throws {@link SchemaError}.
 */
export function detectDraft(schema: JsonSchema): SchemaDraft {
  if (typeof schema === 'boolean' || !('$schema' in schema)) return 'draft-07'
  const uri: unknown = schema.$schema
  const match = DRAFTS.find((d) => typeof uri === 'string' && d.pattern.test(uri))
  if (match) return match.draft
  throw new SchemaError(
    `Unsupported $schema ${JSON.stringify(uri)}: evalgate validates draft-07 (the default when $schema is absent), 2019-09 (https://json-schema.org/draft/2019-09/schema) and 2020-12 (https://json-schema.org/draft/2020-12/schema).`,
  )
}

/**
 * Compiles a JSON Schema with ajv + ajv-formats, once: validators are cached by the schema's
 * stableHash, so a structurally equal schema (in any key order) returns the same instance.
 * Throws {@link SchemaError} when the schema is invalid.
 */
export function compileSchema(schema: JsonSchema): CompiledSchema {
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    throw new SchemaError(`Invalid JSON Schema: a schema must be an object or a boolean, got ${describe(schema)}.`)
  }
  const key = keyOf(schema)
  const hit = cache.get(key)
  if (hit) return hit
  const draft = detectDraft(schema)
  const ajv = instanceFor(draft)
  const input = normalizeMeta(schema, draft)
  const warnings = new Set<string>()
  sink = warnings
  let fn: ValidateFunction
  try {
    if (!ajv.validateSchema(input)) {
      throw new SchemaError(`Invalid JSON Schema (fails the ${draft} meta-schema): ${metaErrors(ajv.errors)}`)
    }
    fn = ajv.compile(input)
  } catch (error) {
    if (error instanceof SchemaError) throw error
    const why = error instanceof Error ? error.message : String(error)
    throw new SchemaError(`Invalid JSON Schema: ${why}`, { cause: error })
  } finally {
    sink = undefined
    if (typeof input === 'object') ajv.removeSchema(input) // the compiled function stays usable
  }
  if ((fn as { $async?: unknown }).$async) {
    throw new SchemaError('Invalid JSON Schema: async schemas ($async: true) are not supported.')
  }
  const compiled: CompiledSchema = {
    key,
    draft,
    warnings: [...warnings],
    validate(value) {
      const valid = fn(value) === true
      return { valid, errors: valid ? [] : (fn.errors ?? []).map(toIssue) }
    },
  }
  cache.set(key, compiled)
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string)
  return compiled
}

/** Empties the validator cache (tests; long-lived processes that compile many one-off schemas). */
export function clearSchemaCache(): void {
  cache.clear()
}

/** Number of cached validators. */
export function schemaCacheSize(): number {
  return cache.size
}

function keyOf(schema: JsonSchema): string {
  try {
    return stableHash(schema)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new SchemaError(`Invalid JSON Schema: it cannot be serialised as JSON (${why}).`, { cause: error })
  }
}

/** ajv knows each meta-schema under one URI; accept the usual spellings (http/https, `#`). */
function normalizeMeta(schema: JsonSchema, draft: SchemaDraft): JsonSchema {
  if (typeof schema === 'boolean' || !('$schema' in schema)) return schema
  const uri = DRAFTS.find((d) => d.draft === draft)!.uri
  return schema.$schema === uri ? schema : { ...schema, $schema: uri }
}

function toIssue(error: ErrorObject): SchemaIssue {
  return {
    path: error.instancePath,
    message: error.message ?? `must pass "${error.keyword}"`,
    keyword: error.keyword,
    params: { ...(error.params as Record<string, unknown>) },
    schemaPath: error.schemaPath,
  }
}

/** ajv's meta-schema errors as `/path: message`, deduplicated (anyOf branches repeat them). */
function metaErrors(errors: ErrorObject[] | null | undefined): string {
  const lines = new Set((errors ?? []).map((e) => `${showPointer(e.instancePath)}: ${e.message ?? e.keyword}`))
  return [...lines].join('; ')
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}
