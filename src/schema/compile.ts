import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv'
import { loadAjv, loadAjv2019, loadAjv2020, loadAjvFormats } from '../util/lazy-require.js'
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
const instances = new Map<string, Ajv>()

/** What a schema may use beyond the standard vocabulary. */
export interface CompileOptions {
  /** Custom keywords to accept (annotation-only: they do not validate). Vendor `x-*` keywords need listing too. */
  allowKeywords?: readonly string[]
  /** Custom formats to accept (every string passes them). */
  allowFormats?: readonly string[]
}
let sink: Set<string> | undefined

/**
 * ajv options: `allErrors` (report every problem); strict schemas (`strictSchema`): an unknown keyword
 * (a typo like `requird`) or an unknown `format` is a {@link SchemaError} naming the keyword and its
 * path, never a vacuous pass — custom keywords and formats a user really has are allowed by name
 * (`allowKeywords`, `allowFormats`); the other strict checks (types, tuples, required) stay off, they
 * reject valid schemas; `validateSchema: false`,
 * because {@link compileSchema} checks the meta-schema itself to word the error. A schema with an
 * `$id` is registered while it compiles (so it can `$ref` itself by that URI) and removed right
 * after, so the same `$id` can be compiled again (a changed schema) and schemas never resolve
 * each other's `$id`.
 */
const OPTIONS: Options = {
  allErrors: true,
  strict: false,
  strictSchema: true,
  validateSchema: false,
  logger: {
    log: () => undefined,
    warn: (...args: unknown[]) => void sink?.add(args.map(String).join(' ')),
    error: (...args: unknown[]) => void sink?.add(args.map(String).join(' ')),
  },
}

function allowed(options: CompileOptions): { keywords: string[]; formats: string[] } {
  return { keywords: [...new Set(options.allowKeywords ?? [])].sort(), formats: [...new Set(options.allowFormats ?? [])].sort() }
}

function instanceFor(draft: SchemaDraft, options: CompileOptions = {}): Ajv {
  const extra = allowed(options)
  const id = JSON.stringify([draft, extra.keywords, extra.formats])
  let ajv = instances.get(id)
  if (!ajv) {
    // ajv and ajv-formats load on the first schema compiled (util/lazy-require.ts), not with this module.
    ajv = draft === '2020-12' ? new (loadAjv2020().Ajv2020)(OPTIONS) : draft === '2019-09' ? new (loadAjv2019().Ajv2019)(OPTIONS) : new (loadAjv().Ajv)(OPTIONS)
    loadAjvFormats().default(ajv)
    for (const k of extra.keywords) if (!ajv.getKeyword(k)) ajv.addKeyword(k)
    for (const f of extra.formats) ajv.addFormat(f, true)
    instances.set(id, ajv)
  }
  return ajv
}

/** JSON pointers (`#/properties/a`) of every place in `schema` where `key` is a keyword. */
function placesOf(schema: unknown, key: string, at = '#', out: string[] = [], depth = 0): string[] {
  if (depth > 64 || schema === null || typeof schema !== 'object') return out
  if (Array.isArray(schema)) {
    schema.forEach((v, i) => placesOf(v, key, `${at}/${i}`, out, depth + 1))
    return out
  }
  for (const [k, v] of Object.entries(schema)) {
    if (k === key) out.push(at)
    // Values of these are user data (property names, enum members), not schemas: a property named
    // like the keyword is not a use of it.
    if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') continue
    placesOf(v, key, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out, depth + 1)
  }
  return out
}

/** ajv's strict-mode error worded with the keyword's path and how to allow it. */
function strictProblem(message: string, schema: JsonSchema): string | undefined {
  const keyword = /strict mode: unknown keyword: "([^"]+)"/.exec(message)?.[1]
  if (keyword !== undefined) {
    const where = placesOf(schema, keyword)
    const path = where.length ? ` at ${where.join(', ')}` : ''
    return `Invalid JSON Schema: unknown keyword "${keyword}"${path} (a typo? a keyword evalgate does not know validates nothing; allow a custom keyword with the allowKeywords option).`
  }
  const format = /unknown format "([^"]+)" ignored in schema at path "([^"]*)"/.exec(message)
  if (format) {
    return `Invalid JSON Schema: unknown format "${format[1]}" at ${format[2] || '#'} (it would validate nothing; allow a custom format with the allowFormats option).`
  }
  return undefined
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
export function compileSchema(schema: JsonSchema, options: CompileOptions = {}): CompiledSchema {
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    throw new SchemaError(`Invalid JSON Schema: a schema must be an object or a boolean, got ${describe(schema)}.`)
  }
  // Without custom keywords or formats (the usual case) no option lists are sorted per call.
  const extra = options.allowKeywords?.length || options.allowFormats?.length ? allowed(options) : undefined
  const key = extra ? keyOf([schema, extra]) : schemaKey(schema)
  const hit = cache.get(key)
  if (hit) return hit
  const draft = detectDraft(schema)
  const ajv = instanceFor(draft, options)
  const input = normalizeMeta(schema, draft)
  const warnings = new Set<string>()
  sink = warnings
  let fn: ValidateFunction
  try {
    if (!ajv.validateSchema(input)) {
      throw new SchemaError(`Invalid JSON Schema (fails the ${draft} meta-schema): ${metaErrors(ajv.errors)}`)
    }
    fn = ajv.compile(input)
    const unknownFormat = [...warnings].find((w) => /unknown format/.test(w))
    if (unknownFormat) throw new SchemaError(strictProblem(unknownFormat, schema) ?? `Invalid JSON Schema: ${unknownFormat}`)
  } catch (error) {
    if (error instanceof SchemaError) throw error
    const why = error instanceof Error ? error.message : String(error)
    const strict = strictProblem(why, schema)
    if (strict) throw new SchemaError(strict, { cause: error })
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

/** The stable key last worked out for a schema object, with the JSON it was worked out from. */
const keys = new WeakMap<object, { json: string; key: string }>()

/**
 * {@link keyOf} of a schema, memoised per schema object: a suite checks every case against the same
 * object, and its plain `JSON.stringify` is far cheaper than the sorted serialisation + SHA-256. The JSON
 * is compared on every call, so a schema changed in place gets its new key.
 */
function schemaKey(schema: JsonSchema): string {
  if (typeof schema !== 'object' || schema === null) return keyOf(schema)
  let json: string
  try {
    json = JSON.stringify(schema)
  } catch {
    return keyOf(schema) // names why it cannot be serialised
  }
  const known = keys.get(schema)
  if (known?.json === json) return known.key
  const key = keyOf(schema)
  keys.set(schema, { json, key })
  return key
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
