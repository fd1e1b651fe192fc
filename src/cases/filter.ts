import type { EvalCase } from './types.js'

/** Which cases to keep after loading. */
export interface CaseFilters<Input = unknown, Expected = unknown> {
  /** Keep cases whose category is one of these. */
  categories?: string[]
  /** Keep cases carrying at least one of these tags. */
  tags?: string[]
  /** Keep cases for which this returns true (runs after `categories` and `tags`). */
  filter?: (c: EvalCase<Input, Expected>) => boolean
  /** Keep at most this many cases (the first ones in file order, after the other filters). */
  limit?: number
}

/** True when `c` passes the category, tag and predicate filters (`limit` is applied by the caller). */
export function matchesFilters<Input, Expected>(c: EvalCase<Input, Expected>, filters: CaseFilters<Input, Expected>): boolean {
  if (filters.categories !== undefined && (c.category === undefined || !filters.categories.includes(c.category))) return false
  if (filters.tags !== undefined && !(c.tags ?? []).some((tag) => filters.tags?.includes(tag))) return false
  return filters.filter === undefined || filters.filter(c)
}
