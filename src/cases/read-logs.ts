import { CaseFileError, type CaseIssue } from './errors.js'
import { checkFile } from './file-check.js'
import { readLines } from './lines.js'
import { describeType, isObject } from './path.js'
import type { CaseSource, LogEntry } from './types.js'

const locations = new WeakMap<object, CaseSource>()

/** The file and line a log entry was read from by {@link readLogEntries}, if it was. */
export function locateEntry(entry: object): CaseSource | undefined {
  return locations.get(entry)
}

/** Options of {@link readLogEntries}. */
export interface ReadLogOptions {
  /**
   * Called for each line that is not a JSON object; the line is then skipped. Without it, the first
   * such line throws a {@link CaseFileError} naming file and line.
   */
  onInvalid?: (issue: CaseIssue) => void
}

/**
 * Streams the entries of a JSONL production log, one line at a time, so logs of any size can be
 * sampled (`stratifiedSampleStream(readLogEntries(path), ...)`). Blank lines are skipped. The samplers
 * use each entry's file and line in their error messages.
 */
export async function* readLogEntries(path: string, options: ReadLogOptions = {}): AsyncGenerator<LogEntry> {
  await checkFile(path)
  for await (const { line, text } of readLines(path)) {
    let value: unknown
    let message: string | undefined
    try {
      value = JSON.parse(text)
      if (!isObject(value)) message = `a log entry must be a JSON object, got ${describeType(value)}`
    } catch (error) {
      message = `invalid JSON: ${(error as Error).message}`
    }
    if (message !== undefined || !isObject(value)) {
      const issue: CaseIssue = { file: path, line, field: '', message: message ?? 'invalid entry' }
      if (options.onInvalid === undefined) throw new CaseFileError([issue])
      options.onInvalid(issue)
      continue
    }
    locations.set(value, { file: path, line })
    yield value
  }
}
