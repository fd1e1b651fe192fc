import { CaseFileError, IssueCollector, type CaseIssue } from './errors.js'
import { isIssue, readLogKey, type LogFieldOptions } from './log-fields.js'
import { locateEntry } from './read-logs.js'
import type { EvalCase, LogEntry } from './types.js'

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
