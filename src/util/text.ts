/** Text helpers shared by every message that quotes input: positions (line/column) and excerpts. */

/** A place in a text: UTF-16 offset, 1-based line and column. */
export interface TextPosition {
  offset: number
  line: number
  column: number
}

/** Maps UTF-16 offsets of `text` to 1-based line and column (offsets are clamped to the text). */
export function textLocator(text: string): (offset: number) => TextPosition {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length))
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] ?? 0) <= at) lo = mid
      else hi = mid - 1
    }
    return { offset: at, line: lo + 1, column: at - (starts[lo] ?? 0) + 1 }
  }
}

/** Maps character offsets in `text` to 1-based line numbers. */
export function lineLocator(text: string): (offset: number) => number {
  const locate = textLocator(text)
  return (offset) => locate(offset).line
}

/** 1-based line and column of a UTF-16 offset in `text`. */
export function positionAt(text: string, offset: number): TextPosition {
  return textLocator(text)(offset)
}

/**
 * The first `max` characters (code points) of `text` on one line: newlines, carriage returns and
 * tabs are shown as `\n`, `\r`, `\t`; `…` marks a cut.
 */
export function excerpt(text: string, max = 200): string {
  const chars = Array.from(text)
  const cut = chars.length > max
  const shown = (cut ? chars.slice(0, Math.max(0, max)) : chars).join('')
  return shown.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t') + (cut ? '…' : '')
}

/** A whitespace-collapsed excerpt of at most `length` characters, ending in '…' when cut. */
export function flatExcerpt(text: string | null | undefined, length: number): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim()
  return flat.length > length ? flat.slice(0, length - 1) + '…' : flat
}
