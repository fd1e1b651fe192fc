import { stableHash } from '../util/stable.js'
import type { CaseIssue } from './errors.js'
import { describeType } from './path.js'
import { locateEntry } from './read-logs.js'
import { UNCATEGORIZED, type LogEntry } from './types.js'

/** Which fields of a production log entry hold the input, the category and (optionally) the id. */
export interface LogFieldOptions {
  /** Field holding the category to stratify by (default `'task_type'`). */
  categoryField?: string
  /** Field holding the model input (default `'prompt'`). */
  inputField?: string
  /** Field holding a unique id; without it the id is the first 12 hex chars of the input's stableHash. */
  idField?: string
  /** Category of entries whose category field is missing or empty (default `'uncategorized'`). */
  defaultCategory?: string
}

/** The id, category and input read from one log entry. */
export interface LogKey {
  id: string
  category: string
  input: unknown
}

/** Reads id, category and input of `entry` (the `index`-th one), or the problem that prevents it. */
export function readLogKey(entry: LogEntry, index: number, options: LogFieldOptions): LogKey | CaseIssue {
  const { categoryField = 'task_type', inputField = 'prompt', idField, defaultCategory = UNCATEGORIZED } = options
  const where = locateEntry(entry)
  const issue = (field: string, message: string): CaseIssue =>
    where === undefined ? { file: `entries[${index}]`, line: 0, field, message } : { file: where.file, line: where.line, field, message }

  const input = entry[inputField]
  if (input === undefined || input === null) return issue(inputField, 'is required (set inputField to choose the input field)')
  if (typeof input !== 'string' && typeof input !== 'object') return issue(inputField, `must be a string or an object, got ${describeType(input)}`)

  let id: string
  if (idField === undefined) id = stableHash(input, 12)
  else {
    const raw = entry[idField]
    if (typeof raw === 'string' && raw !== '') id = raw
    else if (typeof raw === 'number' && Number.isFinite(raw)) id = String(raw)
    else return issue(idField, raw === undefined ? 'is required (idField is set)' : `must be a non-empty string or a number, got ${describeType(raw)}`)
  }

  const rawCategory = entry[categoryField]
  let category: string
  if (rawCategory === undefined || rawCategory === null || rawCategory === '') category = defaultCategory
  else if (typeof rawCategory === 'string') category = rawCategory
  else if (typeof rawCategory === 'number' || typeof rawCategory === 'boolean') category = String(rawCategory)
  else return issue(categoryField, `must be a string, got ${describeType(rawCategory)}`)

  return { id, category, input }
}

/** True when {@link readLogKey} returned a problem rather than a key. */
export function isIssue(value: LogKey | CaseIssue): value is CaseIssue {
  return 'message' in value
}
