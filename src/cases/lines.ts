import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'

/** One non-blank line of a text file. */
export interface TextLine {
  /** 1-based line number. */
  line: number
  text: string
}

/**
 * Streams the non-blank lines of a UTF-8 file (LF or CRLF), without reading it whole.
 * A leading byte-order mark is dropped. Breaking out of the loop closes the file.
 */
export async function* readLines(path: string): AsyncGenerator<TextLine> {
  const stream = createReadStream(path, { encoding: 'utf8' })
  const reader = createInterface({ input: stream, crlfDelay: Infinity })
  let line = 0
  try {
    for await (const raw of reader) {
      line++
      const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
      if (text.trim() === '') continue
      yield { line, text }
    }
  } finally {
    reader.close()
    stream.destroy()
  }
}
