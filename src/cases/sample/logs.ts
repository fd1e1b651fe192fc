import { CaseFileError, type CaseIssue, IssueCollector } from '../errors.js'
import { checkFile, readLines } from '../files.js'
import { describeType, isObject } from '../../util/json-path.js'
import { type CaseSource, type LogEntry, UNCATEGORIZED, type EvalCase } from '../types.js'
import { stableHash } from '../../util/stable.js'

const locations = new WeakMap<object, CaseSource>()

/** The file and line a log entry was read from by {@link readLogEntries}, if it was. */
export function locateEntry(entry: object): CaseSource | undefined {
  return locations.get(entry)
}

/** Options of {@link readLogEntries}. */
export interface ReadLogOptions {
  /**
   * Called for each line that is not a JSON object; the line is then skipped. Without it, the first
   * such line throws a {@link CaseFileError} naming file and line.
   */
  onInvalid?: (issue: CaseIssue) => void
}

/**
 * Streams the entries of a JSONL production log, one line at a time, so logs of any size can be
 * sampled (`stratifiedSampleStream(readLogEntries(path), ...)`). Blank lines are skipped. The samplers
 * use each entry's file and line in their error messages.
 */
export async function* readLogEntries(path: string, options: ReadLogOptions = {}): AsyncGenerator<LogEntry> {
  await checkFile(path)
  for await (const { line, text } of readLines(path)) {
    let value: unknown
    let message: string | undefined
    try {
      value = JSON.parse(text)
      if (!isObject(value)) message = `a log entry must be a JSON object, got ${describeType(value)}`
    } catch (error) {
      message = `invalid JSON: ${(error as Error).message}`
    }
    if (message !== undefined || !isObject(value)) {
      const issue: CaseIssue = { file: path, line, field: '', message: message ?? 'invalid entry' }
      if (options.onInvalid === undefined) throw new CaseFileError([issue])
      options.onInvalid(issue)
      continue
    }
    locations.set(value, { file: path, line })
    yield value
  }
}

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

/** Options of {@link logsToCases}. */
export interface LogsToCasesOptions extends LogFieldOptions {
  /** Field holding the production answer, kept as `metadata.productionResponse` (default `'response'`). */
  responseField?: string
  /** Called for entries that cannot become cases; they are skipped. Without it they throw. */
  onInvalid?: (issue: CaseIssue) => void
}

/**
 * Turns production log entries into eval cases: `input` from the input field, `category` from the
 * category field, and every other field in `metadata`. The production response is kept as
 * `metadata.productionResponse` — it is what the model said, not a reviewed answer, so it is never
 * used as `expected`. Entries whose id was already seen (the same prompt, with hashed ids) are skipped.
 */
export function logsToCases(entries: Iterable<LogEntry>, options: LogsToCasesOptions = {}): EvalCase[] {
  const { categoryField = 'task_type', inputField = 'prompt', idField, responseField = 'response' } = options
  const own = new Set([categoryField, inputField, responseField, ...(idField === undefined ? [] : [idField])])
  const issues = new IssueCollector()
  const seen = new Set<string>()
  const cases: EvalCase[] = []
  let index = 0
  for (const entry of entries) {
    const key = readLogKey(entry, index++, options)
    if (isIssue(key)) {
      if (options.onInvalid !== undefined) options.onInvalid(key)
      else issues.add(key)
      continue
    }
    if (seen.has(key.id)) continue
    seen.add(key.id)
    const metadata: Record<string, unknown> = {}
    for (const [field, value] of Object.entries(entry)) if (!own.has(field)) metadata[field] = value
    if (entry[responseField] !== undefined) metadata.productionResponse = entry[responseField]
    const evalCase: EvalCase = { id: key.id, input: key.input, category: key.category, metadata }
    const source = locateEntry(entry)
    if (source !== undefined) evalCase.source = source
    cases.push(evalCase)
  }
  if (issues.issues.length > 0) throw new CaseFileError(issues.issues, issues.truncated)
  return cases
}
