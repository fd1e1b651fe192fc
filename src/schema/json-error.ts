import { scanJson } from '../util/json-scan.js'

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

/**
 * Offset of the first JSON syntax error in `text` (RFC 8259 grammar, surrounding whitespace
 * allowed), `text.length` when the input ends early, or undefined when `text` is valid JSON.
 * The scanner is util/json-scan.ts, shared with the case-file readers.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const scan = scanJson(text, -1)
  return scan.ok ? undefined : scan.offset
}
