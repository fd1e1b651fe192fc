import { stableHash } from '../../util/stable.js'
import { describeType, isObject, type PathSegment } from '../../util/json-path.js'
import type { EvalCase, Rubric, RubricCriterion } from '../types.js'

/** A problem in one record, located by JSON path inside it. */
export interface FieldIssue {
  path: PathSegment[]
  message: string
}

/** How to make an id for records that have none: `line-17`, or a short hash of the input. */
export type IdSource = 'line' | 'hash'

/** The fields with a meaning of their own; everything else goes to `metadata`. */
export const KNOWN_FIELDS = ['id', 'input', 'expected', 'rubric', 'category', 'tags', 'weight', 'critical', 'cluster', 'metadata'] as const

const KNOWN = new Set<string>(KNOWN_FIELDS)
const RUBRIC_KEYS = new Set(['criterion', 'weight', 'critical'])

/** The outcome of checking one record: the case when it is valid, its id whenever that could be read. */
export interface NormalizedCase {
  value?: EvalCase
  id?: string
  issues: FieldIssue[]
}

/** Checks one raw record and builds the case; any problem is reported by field and leaves `value` unset. */
export function normalizeCase(raw: unknown, line: number, idFrom?: IdSource): NormalizedCase {
  const issues: FieldIssue[] = []
  const fail = (path: PathSegment[], message: string): void => {
    issues.push({ path, message })
  }
  if (!isObject(raw)) {
    fail([], `a case must be a JSON object, got ${describeType(raw)}`)
    return { issues }
  }

  let id: string | undefined
  const input = raw.input
  const rawId = raw.id
  if (rawId === undefined || rawId === null) {
    if (idFrom === 'line') id = `line-${line}`
    else if (idFrom === 'hash') id = typeof input === 'string' || isObject(input) || Array.isArray(input) ? stableHash(input, 12) : undefined
    else fail(['id'], 'is required (or pass idFrom: "line" | "hash" to generate ids)')
  } else if (typeof rawId === 'string') {
    if (rawId.trim() === '') fail(['id'], 'must not be empty')
    else id = rawId
  } else if (typeof rawId === 'number' && Number.isFinite(rawId)) id = String(rawId)
  else fail(['id'], `must be a string or number, got ${describeType(rawId)}`)

  if (input === undefined || input === null) fail(['input'], 'is required')
  else if (typeof input !== 'string' && typeof input !== 'object') {
    fail(['input'], `must be a string, object or array, got ${describeType(input)}`)
  }

  const out: Omit<EvalCase, 'id' | 'input'> = {}
  if (raw.expected !== undefined) out.expected = raw.expected
  if (raw.rubric !== undefined) {
    const rubric = checkRubric(raw.rubric, fail)
    if (rubric) out.rubric = rubric
  }
  if (raw.category !== undefined) {
    if (typeof raw.category !== 'string') fail(['category'], `must be a string, got ${describeType(raw.category)}`)
    else if (raw.category.trim() === '') fail(['category'], 'must not be empty')
    else out.category = raw.category
  }
  if (raw.tags !== undefined) {
    const tags = raw.tags
    if (!Array.isArray(tags)) fail(['tags'], `must be an array of strings, got ${describeType(tags)}`)
    else {
      tags.forEach((tag: unknown, i) => {
        if (typeof tag !== 'string') fail(['tags', i], `must be a string, got ${describeType(tag)}`)
      })
      out.tags = tags as string[]
    }
  }
  if (raw.weight !== undefined) {
    const weight = raw.weight
    if (typeof weight !== 'number' || !Number.isFinite(weight)) fail(['weight'], `must be a finite number, got ${describeType(weight)}`)
    else if (weight <= 0) fail(['weight'], `must be greater than 0, got ${weight}`)
    else out.weight = weight
  }
  if (raw.critical !== undefined) {
    if (typeof raw.critical !== 'boolean') fail(['critical'], `must be a boolean, got ${describeType(raw.critical)}`)
    else out.critical = raw.critical
  }
  if (raw.cluster !== undefined) {
    if (typeof raw.cluster !== 'string' || raw.cluster.trim() === '') fail(['cluster'], `must be a non-empty string, got ${describeType(raw.cluster)}`)
    else out.cluster = raw.cluster
  }

  const metadata: Record<string, unknown> = {}
  if (raw.metadata !== undefined) {
    if (!isObject(raw.metadata)) fail(['metadata'], `must be an object, got ${describeType(raw.metadata)}`)
    else Object.assign(metadata, raw.metadata)
  }
  for (const [key, value] of Object.entries(raw)) {
    if (KNOWN.has(key)) continue
    if (Object.hasOwn(metadata, key)) fail([key], 'is also set inside "metadata"; keep one of them')
    else metadata[key] = value
  }
  out.metadata = metadata

  if (id === undefined) return { issues }
  if (issues.length > 0) return { id, issues }
  return { value: { id, input, ...out }, id, issues }
}

type Fail = (path: PathSegment[], message: string) => void

function checkRubric(rubric: unknown, fail: Fail): Rubric | undefined {
  if (!Array.isArray(rubric)) {
    fail(['rubric'], `must be an array of strings or { criterion, weight?, critical? } objects, got ${describeType(rubric)}`)
    return undefined
  }
  let ok = true
  const bad = (path: PathSegment[], message: string): void => {
    ok = false
    fail(path, message)
  }
  rubric.forEach((item: unknown, i) => {
    if (typeof item === 'string') {
      if (item.trim() === '') bad(['rubric', i], 'must not be empty')
      return
    }
    if (!isObject(item)) {
      bad(['rubric', i], `must be a string or { criterion, weight?, critical? } object, got ${describeType(item)}`)
      return
    }
    const criterion = item as Partial<Record<keyof RubricCriterion, unknown>>
    if (criterion.criterion === undefined) bad(['rubric', i, 'criterion'], 'is required')
    else if (typeof criterion.criterion !== 'string') bad(['rubric', i, 'criterion'], `must be a string, got ${describeType(criterion.criterion)}`)
    else if (criterion.criterion.trim() === '') bad(['rubric', i, 'criterion'], 'must not be empty')
    const weight = criterion.weight
    if (weight !== undefined && (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0)) {
      bad(['rubric', i, 'weight'], `must be a number greater than 0, got ${typeof weight === 'number' ? weight : describeType(weight)}`)
    }
    if (criterion.critical !== undefined && typeof criterion.critical !== 'boolean') {
      bad(['rubric', i, 'critical'], `must be a boolean, got ${describeType(criterion.critical)}`)
    }
    for (const key of Object.keys(item)) {
      if (!RUBRIC_KEYS.has(key)) bad(['rubric', i, key], 'is not a rubric field (expected criterion, weight, critical)')
    }
  })
  return ok ? (rubric as Rubric) : undefined
}
