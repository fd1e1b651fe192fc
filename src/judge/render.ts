import { requireText } from './request-base.js'
import type { NormalizedCriterion } from './types.js'

/** Renders the rubric as `id: text` lines (whitespace inside a criterion collapsed to one space). */
export function renderCriteria(criteria: readonly NormalizedCriterion[]): string {
  return criteria.map((c) => `${c.id}: ${c.text.replace(/\s+/g, ' ')}`).join('\n')
}

/** Renders reference facts: a string as is, an array as `[1] fact` lines. */
export function renderContext(context: string | readonly string[]): string {
  if (typeof context === 'string') return context
  if (!Array.isArray(context)) throw new TypeError('judge: context must be a string or an array of strings')
  return context.map((fact, i) => `[${i + 1}] ${requireText(`context[${i}]`, fact)}`).join('\n')
}
