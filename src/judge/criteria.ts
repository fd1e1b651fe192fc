import type { Criterion, NormalizedCriterion } from './types.js'

/**
 * Validates a rubric and gives each criterion its id (`c1`..`cN`, in order), weight (default 1) and
 * critical flag (default false). Text is trimmed. Throws a TypeError/RangeError naming the index for:
 * an empty list, a non-string or empty text, a weight that is not a finite number > 0, a non-boolean
 * `critical`, and a text repeated (case- and whitespace-insensitively) within the rubric.
 */
export function normalizeCriteria(criteria: readonly Criterion[]): NormalizedCriterion[] {
  if (!Array.isArray(criteria)) throw new TypeError('rubric: criteria must be an array')
  if (criteria.length === 0) throw new RangeError('rubric: at least one criterion is required')
  const seen = new Map<string, number>()
  return criteria.map((item: unknown, index) => {
    const where = `rubric: criterion ${index} (c${index + 1})`
    const spec = typeof item === 'string' ? { criterion: item } : item
    if (spec === null || typeof spec !== 'object') throw new TypeError(`${where} must be a string or { criterion, weight?, critical? }`)
    const { criterion, weight = 1, critical = false } = spec as { criterion?: unknown; weight?: unknown; critical?: unknown }
    if (typeof criterion !== 'string') throw new TypeError(`${where}: text must be a string`)
    const text = criterion.trim()
    if (text === '') throw new RangeError(`${where}: text is empty`)
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
      throw new RangeError(`${where}: weight must be a finite number > 0, got ${String(weight)}`)
    }
    if (typeof critical !== 'boolean') throw new TypeError(`${where}: critical must be a boolean`)
    const key = text.replace(/\s+/g, ' ').toLowerCase()
    const first = seen.get(key)
    if (first !== undefined) throw new RangeError(`${where} duplicates criterion ${first} (c${first + 1}): "${text}"`)
    seen.set(key, index)
    return { id: `c${index + 1}`, text, weight, critical }
  })
}

/** A rubric as functions accept it: raw criteria, or the output of {@link normalizeCriteria}. */
export type RubricInput = readonly Criterion[] | readonly NormalizedCriterion[]

/** Normalises a rubric given in either form (normalised criteria are re-checked; ids follow order). */
export function toNormalized(criteria: RubricInput): NormalizedCriterion[] {
  if (!Array.isArray(criteria)) throw new TypeError('rubric: criteria must be an array')
  const raw = criteria.map((c: Criterion | NormalizedCriterion, index) => {
    if (typeof c !== 'object' || c === null || !('id' in c)) return c
    if (c.id !== `c${index + 1}`) throw new RangeError(`rubric: criterion ${index} has id "${c.id}", expected "c${index + 1}" (ids follow rubric order)`)
    return { criterion: c.text, weight: c.weight, critical: c.critical }
  })
  return normalizeCriteria(raw)
}

/** How messages name a criterion: `c2 ("Gives clear next steps")`. */
export function label(c: NormalizedCriterion): string {
  return `${c.id} (${JSON.stringify(c.text)})`
}
