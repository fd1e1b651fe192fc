import { findFences, type Fence } from './fences.js'
import { parseJson, positionAt } from './json-error.js'
import type { ExtractFailure, ExtractOptions, ExtractResult, ExtractSuccess } from './types.js'

/**
 * Takes the JSON out of an LLM reply.
 *
 * Strict: the whole text, trimmed, must be JSON; otherwise `not_json` (or `empty`).
 *
 * Non-strict, first match wins:
 * 1. the whole text, trimmed, parses (any JSON value, even `42`): source `whole`;
 * 2. the first fenced block labelled `json` (any case) or unlabelled that parses: source `fence`.
 *    Unlabelled blocks count only when their content starts with `{` or `[`. If a json block
 *    exists but none parses, the result is `invalid_json_in_fence` with the parser message and
 *    line/column; prose is not searched then (it would only find fragments of the broken block);
 * 3. an object or array embedded in prose: source `embedded`. Top-level candidates are found by
 *    bracket matching that respects JSON strings and escapes; a candidate that fails to parse is
 *    skipped whole (its inner objects are not tried). The first candidate that is an object, or
 *    an array holding an object or array, wins; failing that the first array (so a citation such
 *    as `[1]` before the payload is not taken). Bare numbers and strings are never taken from prose.
 * Nothing found: `no_json_found`, with the longest candidate's parse error when there was one.
 */
export function extractJson(text: string, options: ExtractOptions = {}): ExtractResult {
  const trimmed = text.trim()
  if (trimmed === '') {
    return { ok: false, reason: 'empty', message: 'The output is empty (no JSON to check).' }
  }
  const start = text.indexOf(trimmed)
  const whole = parseJson(trimmed)
  if (whole.ok) return { ok: true, value: whole.value, source: 'whole', span: [start, start + trimmed.length] }
  if (options.strict) {
    const position = whole.offset === undefined ? undefined : positionAt(text, start + whole.offset)
    const lenient = extractJson(text)
    const hint = lenient.ok
      ? ` It contains JSON ${lenient.source === 'fence' ? 'in a fenced code block' : 'surrounded by prose'}; strict mode requires the whole output to be JSON.`
      : ''
    return {
      ok: false,
      reason: 'not_json',
      message: `The output is not valid JSON: ${whole.message}${at(position)}.${hint}`,
      detail: whole.message,
      ...(position ? { position } : {}),
    }
  }
  return fromFences(text) ?? fromProse(text)
}

function fromFences(text: string): ExtractResult | undefined {
  let failure: ExtractFailure | undefined
  for (const fence of findFences(text)) {
    const raw = text.slice(fence.contentStart, fence.contentEnd)
    const content = raw.trim()
    const labelled = fence.lang === 'json'
    if (!labelled && !(fence.lang === '' && /^[[{]/.test(content))) continue
    const start = fence.contentStart + raw.indexOf(content)
    const parsed = parseJson(content)
    if (parsed.ok) return { ok: true, value: parsed.value, source: 'fence', span: [start, start + content.length] }
    failure ??= fenceFailure(text, fence, content, start, parsed.message, parsed.offset)
  }
  return failure
}

function fenceFailure(
  text: string,
  fence: Fence,
  content: string,
  start: number,
  message: string,
  offset: number | undefined,
): ExtractFailure {
  const label = fence.lang === 'json' ? '```json' : '```'
  const position = offset === undefined ? undefined : positionAt(text, start + offset)
  const what = content === '' ? 'is empty' : `is not valid JSON: ${message}${at(position)}`
  const unclosed = fence.closed ? '' : ' The block is never closed (truncated output?).'
  return {
    ok: false,
    reason: 'invalid_json_in_fence',
    message: `The ${label} block at line ${fence.line} ${what}.${unclosed}`,
    detail: message,
    ...(position ? { position } : {}),
  }
}

/** How a bracket scan ended: closed (end is exclusive), a mismatched closer, or still open at the end. */
export type Scan = { kind: 'closed'; end: number } | { kind: 'mismatch'; at: number } | { kind: 'open' }

interface Failed {
  start: number
  length: number
  message: string
  offset: number | undefined
}

function fromProse(text: string): ExtractResult {
  let fallback: ExtractSuccess | undefined
  let failed: Failed | undefined
  const fail = (f: Failed): void => {
    if (!failed || f.length > failed.length) failed = f
  }
  for (let s = 0; s < text.length; s++) {
    const ch = text[s]
    if ((ch !== '{' && ch !== '[') || !looksLikeJsonStart(text, s)) continue
    const scan = scanBalanced(text, s)
    if (scan.kind === 'open') {
      fail({ start: s, length: text.length - s, message: `this ${ch === '{' ? 'object' : 'array'} is never closed (truncated output?)`, offset: text.length - s })
      break // everything after s lies inside it
    }
    if (scan.kind === 'mismatch') {
      fail({ start: s, length: scan.at + 1 - s, message: `mismatched "${text[scan.at]}"`, offset: scan.at - s })
      s = scan.at
      continue
    }
    const candidate = text.slice(s, scan.end)
    const parsed = parseJson(candidate)
    if (parsed.ok) {
      const found: ExtractSuccess = { ok: true, value: parsed.value, source: 'embedded', span: [s, scan.end] }
      if (isStructured(parsed.value)) return found
      fallback ??= found
    } else {
      fail({ start: s, length: candidate.length, message: parsed.message, offset: parsed.offset })
    }
    s = scan.end - 1
  }
  if (fallback) return fallback
  const base = 'No JSON object or array was found in the output.'
  if (!failed) return { ok: false, reason: 'no_json_found', message: base }
  const position = failed.offset === undefined ? undefined : positionAt(text, failed.start + failed.offset)
  const begins = positionAt(text, failed.start)
  return {
    ok: false,
    reason: 'no_json_found',
    message: `${base} The likeliest candidate, at line ${begins.line}, column ${begins.column}, is not valid JSON: ${failed.message}${at(position)}.`,
    detail: failed.message,
    ...(position ? { position } : {}),
  }
}

/** An object, or an array that holds at least one object or array. */
function isStructured(value: unknown): boolean {
  if (Array.isArray(value)) return value.some((item) => typeof item === 'object' && item !== null)
  return typeof value === 'object' && value !== null
}

/**
 * Whether the bracket at `s` can begin JSON: `{` then `"` or `}`; `[` then a value or `]`.
 * Prose such as `{placeholder}` or `[link](url)` is skipped without scanning.
 */
function looksLikeJsonStart(text: string, s: number): boolean {
  let i = s + 1
  while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++
  const next = text[i]
  if (next === undefined) return true // a lone bracket at the end: report it as unclosed
  if (text[s] === '{') return next === '"' || next === '}'
  if ('[{"-]'.includes(next) || (next >= '0' && next <= '9')) return true
  return text.startsWith('true', i) || text.startsWith('false', i) || text.startsWith('null', i)
}

/** Finds the bracket closing the one at `start`, skipping JSON strings (with escapes). */
export function scanBalanced(text: string, start: number): Scan {
  const stack: string[] = []
  let inString = false
  for (let i = start; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') inString = true
    else if (ch === '{') stack.push('}')
    else if (ch === '[') stack.push(']')
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return { kind: 'mismatch', at: i }
      if (stack.length === 0) return { kind: 'closed', end: i + 1 }
    }
  }
  return { kind: 'open' }
}

function at(position: { line: number; column: number } | undefined): string {
  return position ? ` (line ${position.line}, column ${position.column})` : ''
}
