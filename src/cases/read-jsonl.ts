import { readLines } from './lines.js'
import type { RawRecord } from './record.js'

/** Reads JSON Lines: one JSON value per line, blank lines skipped, streamed line by line. */
export async function* readJsonl(path: string): AsyncGenerator<RawRecord> {
  for await (const { line, text } of readLines(path)) {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      yield { line, issues: [{ path: [], message: `invalid JSON: ${(error as Error).message}` }] }
      continue
    }
    yield { line, value, issues: [] }
  }
}
