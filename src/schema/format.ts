import { showPointer, splitPointer, unescapeSegment } from './pointer.js'
import { excerpt } from '../util/text.js'
import type { SchemaCheckResult, SchemaIssue } from './types.js'

/** Errors and missing keys listed before "… and N more". */
const MAX_LISTED = 10


export { excerpt }

/**
 * Plain-text explanation of a failed {@link SchemaCheckResult}, for an assertion message.
 * Not JSON: the reason and an excerpt of `receivedText` (when given). Invalid: each error as
 * `path: message` (first 10, then `… and N more`), each missing required key by name, the
 * required-key coverage, where the JSON was found, and an excerpt of the value.
 */
export function formatSchemaFailure(result: SchemaCheckResult, receivedText?: string): string {
  if (result.pass) return 'The output matches the schema.'
  const lines: string[] = []
  if (!result.parsed) {
    lines.push(`The output is not JSON (${result.reason ?? 'not_json'}).`)
    if (result.reasonMessage) lines.push(result.reasonMessage)
    if (receivedText !== undefined) {
      lines.push(`Output: ${receivedText === '' ? '(empty)' : excerpt(receivedText)}`)
    }
    return lines.join('\n')
  }
  const n = result.errors.length
  lines.push(`The output does not match the schema (${n} error${n === 1 ? '' : 's'}):`)
  for (const issue of result.errors.slice(0, MAX_LISTED)) {
    lines.push(`  ${showPointer(issue.path)}: ${describeIssue(issue, result.value)}`)
  }
  if (n > MAX_LISTED) lines.push(`  … and ${n - MAX_LISTED} more`)
  const missing = result.missingRequired
  if (missing.length > 0) {
    lines.push('Missing required keys:')
    for (const pointer of missing.slice(0, MAX_LISTED)) {
      const { parent, key } = splitPointer(pointer)
      lines.push(`  missing required key ${JSON.stringify(key)} at ${showPointer(parent)}`)
    }
    if (missing.length > MAX_LISTED) lines.push(`  … and ${missing.length - MAX_LISTED} more`)
  }
  const { present, total } = result.required
  if (total > 0) lines.push(`Required keys present: ${present}/${total} (partial score ${round(result.partialScore)})`)
  if (result.source === 'fence') lines.push('The JSON was taken from a fenced code block in the output.')
  if (result.source === 'embedded') lines.push('The JSON was taken from the prose around it.')
  const json = safeStringify(result.value)
  if (json !== undefined) lines.push(`Value: ${excerpt(json)}`)
  return lines.join('\n')
}

/** ajv's message, with the offending name/allowed values/actual value where ajv leaves them out. */
function describeIssue(issue: SchemaIssue, root: unknown): string {
  const { keyword, params, message } = issue
  if (keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${message}: ${JSON.stringify(params.additionalProperty)}`
  }
  if (keyword === 'required') return message
  let text = message
  if (keyword === 'enum' && Array.isArray(params.allowedValues)) {
    text += `: ${params.allowedValues.map((v) => safeStringify(v) ?? String(v)).join(', ')}`
  }
  if (keyword === 'const' && 'allowedValue' in params) text += `: ${safeStringify(params.allowedValue)}`
  const actual = valueAt(root, issue.path)
  if (!actual.found) return text
  const v = actual.value
  if (v === null || typeof v !== 'object') return `${text} (got ${excerpt(safeStringify(v) ?? String(v), 60)})`
  return keyword === 'type' ? `${text} (got ${Array.isArray(v) ? 'an array' : 'an object'})` : text
}

function valueAt(root: unknown, pointer: string): { found: boolean; value?: unknown } {
  let node = root
  if (pointer === '') return { found: true, value: node }
  for (const raw of pointer.slice(1).split('/')) {
    const key = unescapeSegment(raw)
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return { found: false }
    node = (node as Record<string, unknown>)[key]
  }
  return { found: true, value: node }
}

function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

function round(score: number): string {
  return String(Math.round(score * 100) / 100)
}
