import { escapeSegment, unescapeSegment } from './pointer.js'
import type { JsonSchema, RequiredCoverage, SchemaIssue } from './types.js'

type Obj = Record<string, unknown>

const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Counts required keys, walking schema and value together from the root:
 * - at every node whose value is a JSON object, each distinct key listed in a `required` array of
 *   the schemas applying there counts once toward `total`, and toward `present` when the value
 *   has it (own property, not `undefined`);
 * - schemas applying at a node: the node's schema plus, recursively, local `$ref`s (`#`, `#/…`)
 *   and every `allOf` member. `anyOf`/`oneOf`/`not`/`if`/`then`/`else`, remote refs and
 *   `$dynamicRef` are not followed (which branch "should" apply is unknowable);
 * - descent follows the value: an object's keys that exist go to `properties[key]`, array items
 *   go to `prefixItems[i]` / tuple `items[i]` / `additionalItems` / `items` (so every element of an
 *   array of objects counts). Missing or wrong-typed subtrees add nothing: `required` only
 *   constrains objects, and the missing key already counts at its parent.
 * A value that satisfies the schema therefore always has present === total.
 */
export function requiredCoverage(schema: JsonSchema, value: unknown): RequiredCoverage {
  const acc: RequiredCoverage = { present: 0, total: 0 }
  walk(applicable(schema, schema), value, schema, acc)
  return acc
}

function walk(schemas: Obj[], value: unknown, root: JsonSchema, acc: RequiredCoverage): void {
  if (schemas.length === 0) return
  if (isObject(value)) {
    const required = new Set<string>()
    for (const s of schemas) {
      if (Array.isArray(s.required)) for (const k of s.required) if (typeof k === 'string') required.add(k)
    }
    acc.total += required.size
    for (const k of required) if (Object.hasOwn(value, k) && value[k] !== undefined) acc.present++
    for (const key of Object.keys(value)) {
      const children = schemas.flatMap((s) =>
        isObject(s.properties) && Object.hasOwn(s.properties, key) ? applicable(s.properties[key], root) : [],
      )
      walk(children, value[key], root, acc)
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      walk(schemas.flatMap((s) => applicable(itemSchema(s, i), root)), item, root, acc)
    })
  }
}

function itemSchema(schema: Obj, i: number): unknown {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : undefined
  if (prefix && i < prefix.length) return prefix[i]
  if (Array.isArray(schema.items)) return i < schema.items.length ? schema.items[i] : schema.additionalItems
  return schema.items
}

/** The schema plus what it pulls in unconditionally at the same instance location. */
function applicable(schema: unknown, root: JsonSchema, seen = new Set<Obj>()): Obj[] {
  if (!isObject(schema) || seen.has(schema)) return []
  seen.add(schema)
  const out: Obj[] = [schema]
  if (typeof schema.$ref === 'string') out.push(...applicable(resolveLocalRef(root, schema.$ref), root, seen))
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf) out.push(...applicable(s, root, seen))
  return out
}

function resolveLocalRef(root: JsonSchema, ref: string): unknown {
  if (ref === '#') return root
  if (!ref.startsWith('#/')) return undefined
  let node: unknown = root
  for (const raw of ref.slice(2).split('/')) {
    let segment: string
    try {
      segment = unescapeSegment(decodeURIComponent(raw))
    } catch {
      return undefined
    }
    if (Array.isArray(node)) node = node[Number(segment)]
    else if (isObject(node) && Object.hasOwn(node, segment)) node = node[segment]
    else return undefined
  }
  return node
}

const NAMED = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies'])
const REQUIRING = new Set(['required', 'dependentRequired', 'dependencies'])

/**
 * JSON pointers of missing required properties, from ajv's `required` (and `dependentRequired` /
 * draft-07 `dependencies`) errors, in error order, without duplicates. Errors raised inside an
 * `anyOf`/`oneOf` branch are left out: they name alternatives, not keys the output must have.
 */
export function missingRequiredPaths(errors: readonly SchemaIssue[]): string[] {
  const paths = new Set<string>()
  for (const e of errors) {
    const missing = e.params.missingProperty
    if (!REQUIRING.has(e.keyword) || typeof missing !== 'string' || inBranch(e.schemaPath)) continue
    paths.add(`${e.path}/${escapeSegment(missing)}`)
  }
  return [...paths]
}

function inBranch(schemaPath: string): boolean {
  const segments = schemaPath.replace(/^#?\/?/, '').split('/')
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!
    if (NAMED.has(segment)) i++ // the next segment is a property or definition name
    else if (segment === 'anyOf' || segment === 'oneOf') return true
  }
  return false
}
