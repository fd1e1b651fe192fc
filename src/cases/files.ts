import { stat } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { CaseFileError } from './errors.js'
import { lineLocator, scanJson } from '../util/json-scan.js'

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

/**
 * Parses the text of a JSON file. An empty file (`file is empty: expected <expected>`, line 0) or invalid
 * JSON (`invalid JSON: …`, at the line of the first fault) throws a {@link CaseFileError} naming `path`.
 */
export function parseJsonFile(path: string, text: string, expected: string): unknown {
  const fail = (line: number, message: string): CaseFileError => new CaseFileError([{ file: path, line, field: '', message }])
  if (text.trim() === '') throw fail(0, `file is empty: expected ${expected}`)
  try {
    return JSON.parse(text)
  } catch (error) {
    const scan = scanJson(text, 0)
    throw fail(scan.ok ? 1 : lineLocator(text)(scan.offset), `invalid JSON: ${(error as Error).message}`)
  }
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
