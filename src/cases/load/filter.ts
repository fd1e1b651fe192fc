import { extname } from 'node:path'
import type { EvalCase, CaseFormat } from '../types.js'
import { CaseFileError } from '../errors.js'

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

const BY_EXTENSION: Record<string, CaseFormat> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json', '.csv': 'csv' }

/** The case file format for `path`, from `format` when given, else from the extension. */
export function detectFormat(path: string, format?: CaseFormat): CaseFormat {
  if (format !== undefined) {
    if (format === 'jsonl' || format === 'json' || format === 'csv') return format
    throw new CaseFileError([{ file: path, line: 0, field: '', message: `unknown format "${String(format)}" (expected "jsonl", "json" or "csv")` }])
  }
  const extension = extname(path).toLowerCase()
  const detected = BY_EXTENSION[extension]
  if (detected !== undefined) return detected
  const what = extension === '' ? 'no file extension' : `unknown file extension "${extension}"`
  throw new CaseFileError([{ file: path, line: 0, field: '', message: `${what}: expected .jsonl, .ndjson, .json or .csv, or pass options.format` }])
}
