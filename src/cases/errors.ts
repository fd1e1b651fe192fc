/** One problem found in a case, log or subset file. */
export interface CaseIssue {
  /** The file as the caller named it. */
  file: string
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number
  /** JSON path of the offending field inside the record (`rubric[1].weight`); '' for the whole record. */
  field: string
  /** What is wrong, e.g. `must be a string, got number`. */
  message: string
}

/** Renders an issue as `cases.jsonl:17: field "category" must be a string, got number`. */
export function formatIssue(issue: CaseIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file
  const field = issue.field === '' ? '' : `field "${issue.field}" `
  return `${where}: ${field}${issue.message}`
}

/**
 * Thrown when a file cannot be used. It carries every problem found (up to the loader's
 * `maxErrors`), so one run shows all of them rather than the first.
 */
export class CaseFileError extends Error {
  override readonly name = 'CaseFileError'
  readonly errors: CaseIssue[]
  /** True when reading stopped at the error limit, so there may be more problems. */
  readonly truncated: boolean

  constructor(errors: CaseIssue[], truncated = false) {
    super(summarize(errors, truncated))
    this.errors = errors
    this.truncated = truncated
  }
}

function summarize(errors: CaseIssue[], truncated: boolean): string {
  const first = errors[0]
  if (errors.length === 1 && first !== undefined && !truncated) return formatIssue(first)
  const files = [...new Set(errors.map((e) => e.file))].join(', ')
  const more = truncated ? ` (stopped after ${errors.length}; there may be more)` : ''
  const lines = errors.map((e) => `  - ${formatIssue(e)}`).join('\n')
  return `${errors.length} problems in ${files}${more}:\n${lines}`
}

/** Collects issues up to a limit; `full` tells a reader to stop early. */
export class IssueCollector {
  readonly issues: CaseIssue[] = []
  truncated = false

  constructor(readonly limit = 20) {}

  add(issue: CaseIssue): void {
    if (this.issues.length >= this.limit) {
      this.truncated = true
      return
    }
    this.issues.push(issue)
  }

  get full(): boolean {
    return this.issues.length >= this.limit
  }

  /** Throws a {@link CaseFileError} when anything was collected. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new CaseFileError(this.issues, this.truncated)
  }
}
