import type { FieldIssue } from './normalize.js'
import { describeType, isObject } from './path.js'

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
