
/** Outcome of parsing a JSON text: the value, or the parser message and where it failed. */
export type ParseOutcome =
  | { ok: true; value: unknown }
  | { ok: false; message: string; offset: number | undefined }

/**
 * `JSON.parse` plus a parser-independent error offset (V8's messages carry a position only for
 * some errors, and the wording changes between Node versions).
 */
export function parseJson(text: string): ParseOutcome {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error)
    return { ok: false, message: cleanParseMessage(raw), offset: jsonErrorOffset(text) }
  }
}

/** V8's message without its position suffix or quoted input (evalgate reports line/column itself). */
export function cleanParseMessage(message: string): string {
  return message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?$/, '')
}

export { positionAt } from '../util/text.js'

class SyntaxAt {
  constructor(readonly offset: number) {}
}

/**
 * Offset of the first JSON syntax error in `text` (RFC 8259 grammar, surrounding whitespace
 * allowed), `text.length` when the input ends early, or undefined when `text` is valid JSON.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0
  const fail = (at = i): never => {
    throw new SyntaxAt(at)
  }
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++
  }
  const digits = (): void => {
    const start = i
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++
    if (i === start) fail()
  }
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail()
      i++
    }
  }
  const string = (): void => {
    i++
    for (;;) {
      const ch = text[i]
      if (ch === undefined) return fail()
      if (ch === '"') {
        i++
        return
      }
      if (ch === '\\') {
        const next = text[i + 1]
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6
        else fail(i + 1)
        continue
      }
      if (ch.charCodeAt(0) < 0x20) fail()
      i++
    }
  }
  const number = (): void => {
    if (text[i] === '-') i++
    if (text[i] === '0') i++
    else digits()
    if (text[i] === '.') {
      i++
      digits()
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++
      if (text[i] === '+' || text[i] === '-') i++
      digits()
    }
  }
  const value = (): void => {
    ws()
    const ch = text[i]
    if (ch === '{') {
      i++
      ws()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail()
        string()
        ws()
        if (text[i] !== ':') fail()
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail()
      }
    }
    if (ch === '[') {
      i++
      ws()
      if (text[i] === ']') {
        i++
        return
      }
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail()
      }
    }
    if (ch === '"') return string()
    if (ch === 't') return literal('true')
    if (ch === 'f') return literal('false')
    if (ch === 'n') return literal('null')
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number()
    fail()
  }
  try {
    value()
    ws()
    if (i < text.length) fail()
    return undefined
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset
    return undefined // e.g. RangeError on absurd nesting: no position rather than a crash
  }
}
