/** A fenced code block found in markdown-ish text. */
export interface Fence {
  /** Lower-cased first word of the info string (`json`, `ts`…), `''` when there is none. */
  lang: string
  /** Offset of the first character of the block's content (the line after the opening fence). */
  contentStart: number
  /** Offset just past the content (the newline before the closing fence, or the end of text). */
  contentEnd: number
  /** 1-based line of the opening fence. */
  line: number
  /** False when the text ended before a closing fence (e.g. a truncated reply). */
  closed: boolean
}

const OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/
const CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/

/**
 * Fenced blocks (``` or ~~~, any indentation, as models emit them) in order of appearance. An
 * unclosed fence runs to the end of the text, as in CommonMark.
 */
export function findFences(text: string): Fence[] {
  const lines = splitLines(text)
  const fences: Fence[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]!.text)
    if (!open) continue
    const marker = open[1]!
    const info = open[2]!
    if (marker.startsWith('`') && info.includes('`')) continue // inline code, not a fence
    const lang = (info.trim().split(/\s+/)[0] ?? '').toLowerCase()
    const contentStart = lines[i]!.end
    let j = i + 1
    for (; j < lines.length; j++) {
      const close = CLOSE.exec(lines[j]!.text)
      if (close && close[1]![0] === marker[0] && close[1]!.length >= marker.length) break
    }
    const closed = j < lines.length
    const contentEnd = closed ? Math.max(contentStart, lines[j]!.start - 1) : text.length
    fences.push({ lang, contentStart: Math.min(contentStart, text.length), contentEnd, line: i + 1, closed })
    i = j
  }
  return fences
}

interface Line {
  text: string
  start: number
  /** Offset just past the line's newline (or the end of text). */
  end: number
}

function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  while (start <= text.length) {
    const nl = text.indexOf('\n', start)
    const stop = nl === -1 ? text.length : nl
    const raw = text.slice(start, stop)
    lines.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, start, end: nl === -1 ? text.length : nl + 1 })
    if (nl === -1) break
    start = nl + 1
  }
  return lines
}
