import { stat } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { CaseFileError } from './errors.js'

/** Throws a {@link CaseFileError} unless `path` is a readable regular file. */
export async function checkFile(path: string): Promise<void> {
  const fail = (message: string): CaseFileError => new CaseFileError([{ file: path, line: 0, field: '', message }])
  let isFile: boolean
  try {
    isFile = (await stat(path)).isFile()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw fail(code === 'ENOENT' ? 'file not found' : `cannot read file: ${(error as Error).message}`)
  }
  if (!isFile) throw fail('is not a file')
}

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
