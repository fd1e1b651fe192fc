import { CaseFileError, IssueCollector } from '../errors.js'
import { checkFile } from '../files.js'
import { matchesFilters, type CaseFilters, detectFormat } from './filter.js'
import { normalizeCase, type IdSource } from './normalize.js'
import { formatPath, type PathSegment } from '../../util/json-path.js'
import { readCsv } from './csv.js'
import { readJson, readJsonl } from './json.js'
import type { RecordReader } from './record.js'
import type { CaseFormat, EvalCase } from '../types.js'

/** Options of {@link loadCases}. */
export interface LoadCasesOptions<Input = unknown, Expected = unknown> extends CaseFilters<Input, Expected> {
  /** File format; by default taken from the extension (.jsonl/.ndjson, .json, .csv). */
  format?: CaseFormat
  /** Generate ids for records without one: `'line'` → `line-17`, `'hash'` → 12 hex chars of the input's hash. Default: ids are required. */
  idFrom?: IdSource
  /** Stop reading after this many problems and report them together (default 20). */
  maxErrors?: number
  /**
   * Extra check per case, run after the built-in ones. Return a message (or `{ field, message }`)
   * to reject the case; it is reported with the file and line like any other problem.
   */
  validate?: (c: EvalCase) => string | { field: string; message: string } | undefined
}

const READERS: Record<CaseFormat, RecordReader> = { jsonl: readJsonl, json: readJson, csv: readCsv }

/**
 * Loads and validates an eval set. Every record is checked (even with filters or `limit`), ids must be
 * unique, and all problems found — up to `maxErrors` — are thrown together as one {@link CaseFileError}
 * naming file, line and field. Filters then apply in file order: `categories`, `tags`, `filter`, `limit`.
 */
export async function loadCases<Input = unknown, Expected = unknown>(
  path: string,
  options: LoadCasesOptions<Input, Expected> = {},
): Promise<Array<EvalCase<Input, Expected>>> {
  const format = detectFormat(path, options.format)
  await checkFile(path)
  const collector = new IssueCollector(Math.max(1, options.maxErrors ?? 20))
  const cases: EvalCase[] = []
  const lineOfId = new Map<string, number>()
  let records = 0

  try {
    for await (const record of READERS[format](path)) {
      records++
      const lineOf = record.lineOf ?? (() => record.line)
      const report = (field: PathSegment[], message: string): void =>
        collector.add({ file: path, line: lineOf(field), field: formatPath(field), message })
      for (const issue of record.issues) report(issue.path, issue.message)
      if (record.issues.length === 0) {
        const { value, id, issues } = normalizeCase(record.value, record.line, options.idFrom)
        for (const issue of issues) report(issue.path, issue.message)
        const firstLine = id === undefined ? undefined : lineOfId.get(id)
        if (id !== undefined && firstLine !== undefined) report(['id'], `repeats id "${id}", already used on line ${firstLine}`)
        else if (id !== undefined) lineOfId.set(id, lineOf(['id']))
        if (value !== undefined && firstLine === undefined) {
          value.source = { file: path, line: record.line }
          const custom = options.validate?.(value)
          if (typeof custom === 'string') report([], custom)
          else if (custom !== undefined) collector.add({ file: path, line: record.line, field: custom.field, message: custom.message })
          else cases.push(value)
        }
      }
      if (collector.full) {
        collector.truncated = true
        break
      }
    }
  } catch (error) {
    if (!(error instanceof CaseFileError) || collector.issues.length === 0) throw error
    throw new CaseFileError([...collector.issues, ...error.errors], collector.truncated)
  }

  collector.throwIfAny()
  if (records === 0) throw new CaseFileError([{ file: path, line: 0, field: '', message: 'file is empty: it holds no cases' }])
  const kept = (cases as Array<EvalCase<Input, Expected>>).filter((c) => matchesFilters(c, options))
  return options.limit === undefined ? kept : kept.slice(0, Math.max(0, options.limit))
}
