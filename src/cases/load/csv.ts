import { createReadStream } from 'node:fs'
import { Transform, pipeline, type TransformCallback } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { CaseFileError, type CaseIssue } from '../errors.js'
import type { RawRecord } from './record.js'
import type { FieldIssue } from './normalize.js'
import { describeType, isObject } from '../../util/json-path.js'

interface ParsedRow {
  record: string[]
  raw: string
  info: { lines: number }
}

/**
 * Reads a CSV case file with a header row, streamed through csv-parse. Quoted cells may hold commas,
 * quotes (`""`) and newlines. Line endings are normalised to LF first (also inside quoted cells), so
 * reported line numbers are exact for LF and CRLF files alike.
 */
export async function* readCsv(path: string): AsyncGenerator<RawRecord> {
  const parser = parse({ info: true, raw: true, skip_empty_lines: true, relax_column_count: true })
  pipeline(createReadStream(path, { encoding: 'utf8' }), new LineEndings(), parser, () => {})
  let header: string[] | undefined
  let lastLine = 0
  let rows = 0
  try {
    for await (const row of parser as AsyncIterable<ParsedRow>) {
      const line = startLine(row)
      lastLine = row.info.lines
      if (row.record.every((cell) => cell.trim() === '')) continue
      if (header === undefined) {
        header = checkHeader(path, line, row.record)
        continue
      }
      rows++
      if (row.record.length !== header.length) {
        const message = `row has ${row.record.length} cells but the header has ${header.length} columns`
        yield { line, issues: [{ path: [], message }] }
        continue
      }
      const { value, issues } = csvRowToRecord(header, row.record)
      yield { line, value, issues }
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : Number(error.lines ?? lastLine + 1)
    const hint = error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell starting here is never closed' : 'invalid CSV'
    throw new CaseFileError([{ file: path, line, field: '', message: `${hint} (${error.message})` }])
  } finally {
    parser.destroy()
  }
  if (header === undefined) throw new CaseFileError([{ file: path, line: 0, field: '', message: 'file is empty: expected a header row and one row per case' }])
  if (rows === 0) throw new CaseFileError([{ file: path, line: 0, field: '', message: 'file has a header row but no cases' }])
}

// csv-parse reports the line a record ends on; count the newlines inside it to find where it starts.
function startLine(row: ParsedRow): number {
  const body = row.raw.replace(/^\n+/, '').replace(/\n$/, '')
  let inside = 0
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) inside++
  return row.info.lines - inside
}

function checkHeader(path: string, line: number, cells: string[]): string[] {
  const header = cells.map((cell) => cell.trim())
  const issues: CaseIssue[] = []
  const seen = new Map<string, number>()
  header.forEach((name, i) => {
    if (name === '') issues.push({ file: path, line, field: '', message: `header column ${i + 1} has no name` })
    const first = seen.get(name)
    if (first !== undefined && name !== '') {
      issues.push({ file: path, line, field: '', message: `header column ${i + 1} repeats "${name}" (also column ${first + 1})` })
    } else seen.set(name, i)
  })
  if (issues.length > 0) throw new CaseFileError(issues)
  return header
}

/** Converts CRLF and lone CR to LF, and drops a leading byte-order mark, across chunk boundaries. */
class LineEndings extends Transform {
  private pendingCr = false
  private started = false

  constructor() {
    super({ decodeStrings: false, encoding: 'utf8' })
  }

  override _transform(chunk: string | Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8')
    if (!this.started) {
      this.started = true
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    if (this.pendingCr) text = '\r' + text
    this.pendingCr = text.endsWith('\r')
    if (this.pendingCr) text = text.slice(0, -1)
    done(null, text.replace(/\r\n?/g, '\n'))
  }

  override _flush(done: TransformCallback): void {
    done(null, this.pendingCr ? '\n' : '')
  }
}

/**
 * Turns one CSV row into a raw case record. Cells are text; the known columns are converted:
 * `tags` and `rubric` as `a;b` or a JSON array, `weight` as a number, `critical` as
 * true/false/1/0, `metadata` as a JSON object, and `input`/`expected` as JSON when the cell starts
 * with `{` or `[` and parses (otherwise as text). Empty cells count as absent. Unknown columns are kept
 * as text (and end up in `metadata`).
 */
export function csvRowToRecord(header: readonly string[], cells: readonly string[]): { value: Record<string, unknown>; issues: FieldIssue[] } {
  const value: Record<string, unknown> = {}
  const issues: FieldIssue[] = []
  header.forEach((column, i) => {
    const cell = cells[i] ?? ''
    if (cell.trim() === '') return
    const converted = convertCell(column, cell)
    if ('error' in converted) issues.push({ path: [column], message: converted.error })
    else value[column] = converted.value
  })
  return { value, issues }
}

type Converted = { value: unknown } | { error: string }

function convertCell(column: string, cell: string): Converted {
  const trimmed = cell.trim()
  switch (column) {
    case 'id':
    case 'category':
      return { value: trimmed }
    case 'input':
    case 'expected':
      return { value: jsonOrText(cell) }
    case 'tags':
    case 'rubric':
      return list(trimmed)
    case 'weight': {
      const number = Number(trimmed)
      return Number.isFinite(number) ? { value: number } : { error: `must be a number, got "${trimmed}"` }
    }
    case 'critical': {
      const flag = trimmed.toLowerCase()
      if (flag === 'true' || flag === '1') return { value: true }
      if (flag === 'false' || flag === '0') return { value: false }
      return { error: `must be true, false, 1 or 0, got "${trimmed}"` }
    }
    case 'metadata': {
      const parsed = parseJson(trimmed)
      if ('error' in parsed) return { error: `must be a JSON object: ${parsed.error}` }
      return isObject(parsed.value) ? parsed : { error: `must be a JSON object, got ${describeType(parsed.value)}` }
    }
    default:
      return { value: cell }
  }
}

function jsonOrText(cell: string): unknown {
  const trimmed = cell.trim()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return cell
  const parsed = parseJson(trimmed)
  return 'error' in parsed ? cell : parsed.value
}

function list(trimmed: string): Converted {
  if (trimmed.startsWith('[')) {
    const parsed = parseJson(trimmed)
    return 'error' in parsed ? { error: `looks like a JSON array but does not parse: ${parsed.error}` } : parsed
  }
  return { value: trimmed.split(';').map((part) => part.trim()).filter((part) => part !== '') }
}

function parseJson(text: string): Converted {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch (error) {
    return { error: (error as Error).message }
  }
}
