import { formatPath, type PathSegment } from './json-path.js'

/**
 * Result of scanning JSON text: where each value starts (by JSON path, down to `maxDepth`), or the
 * offset of the first syntax error. `JSON.parse` builds the values; this only finds positions,
 * so error messages can name lines in whole-file JSON formats.
 */
export type JsonScan = { ok: true; locations: Map<string, number> } | { ok: false; offset: number }

interface Frame {
  kind: 'array' | 'object'
  path: PathSegment[]
  count: number
}

const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y

/**
 * Scans `text` as strict JSON (RFC 8259, surrounding whitespace allowed); records start offsets of values
 * whose path is at most `maxDepth` deep. A failure's offset is the first character that cannot continue
 * valid JSON (`text.length` when the input ends early): the one JSON scanner of evalgate, also behind
 * `jsonErrorOffset` (src/schema/json-error.ts).
 */
export function scanJson(text: string, maxDepth: number): JsonScan {
  const locations = new Map<string, number>()
  const stack: Frame[] = []
  const n = text.length
  let i = 0
  let path: PathSegment[] = []

  // Paths deeper than maxDepth are never recorded: they share one array (no copy per level, so absurd
  // nesting costs memory linear in the depth).
  const child = (parent: PathSegment[], segment: PathSegment): PathSegment[] => (parent.length > maxDepth ? parent : [...parent, segment])
  const skipWhitespace = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return
      i++
    }
  }
  const scanString = (): boolean => {
    i++
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        i++
        return true
      }
      if (c < 0x20) return false
      if (c === 0x5c) {
        ESCAPE.lastIndex = i
        if (!ESCAPE.test(text)) {
          i++ // the bad escape is the character after the backslash
          return false
        }
        i = ESCAPE.lastIndex
      } else i++
    }
    return false
  }
  const digits = (): boolean => {
    const start = i
    while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++
    return i > start
  }
  // A number or literal at `i`; false leaves `i` at the first character that does not fit.
  const scanScalar = (): boolean => {
    const c = text[i]
    if (c === 't' || c === 'f' || c === 'n') {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null'
      for (const ch of word) {
        if (text[i] !== ch) return false
        i++
      }
      return true
    }
    if (c !== '-' && !(c !== undefined && c >= '0' && c <= '9')) return false
    if (text[i] === '-') i++
    if (text[i] === '0') i++
    else if (!digits()) return false
    if (text[i] === '.') {
      i++
      if (!digits()) return false
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++
      if (text[i] === '+' || text[i] === '-') i++
      if (!digits()) return false
    }
    return true
  }
  // Positions `i` at the start of an object key and reads it; sets `path` to the member's path.
  const readKey = (frame: Frame): boolean => {
    skipWhitespace()
    if (text[i] !== '"') return false
    const start = i
    if (!scanString()) return false
    const key = JSON.parse(text.slice(start, i)) as string
    skipWhitespace()
    if (text[i] !== ':') return false
    i++
    path = child(frame.path, key)
    return true
  }

  for (;;) {
    // A value starts here, at `path`.
    skipWhitespace()
    if (path.length <= maxDepth) locations.set(formatPath(path), i)
    const c = text[i]
    let opened = false
    if (c === '{' || c === '[') {
      const frame: Frame = { kind: c === '{' ? 'object' : 'array', path, count: 0 }
      i++
      skipWhitespace()
      if (text[i] === (c === '{' ? '}' : ']')) i++
      else {
        stack.push(frame)
        opened = true
        if (frame.kind === 'array') path = child(frame.path, 0)
        else if (!readKey(frame)) return { ok: false, offset: i }
      }
    } else if (c === '"') {
      if (!scanString()) return { ok: false, offset: i }
    } else if (!scanScalar()) return { ok: false, offset: i }
    if (opened) continue

    // After a complete value: close containers or move to the next member.
    for (;;) {
      skipWhitespace()
      const frame = stack[stack.length - 1]
      if (frame === undefined) return i < n ? { ok: false, offset: i } : { ok: true, locations }
      const ch = text[i]
      if (ch === ',') {
        i++
        frame.count++
        if (frame.kind === 'array') path = child(frame.path, frame.count)
        else if (!readKey(frame)) return { ok: false, offset: i }
        break
      }
      if (ch === (frame.kind === 'array' ? ']' : '}')) {
        i++
        stack.pop()
        continue
      }
      return { ok: false, offset: i }
    }
  }
}

export { lineLocator } from './text.js'
