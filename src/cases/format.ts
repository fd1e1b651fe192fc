import { extname } from 'node:path'
import { CaseFileError } from './errors.js'
import type { CaseFormat } from './types.js'

const BY_EXTENSION: Record<string, CaseFormat> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json', '.csv': 'csv' }

/** The case file format for `path`, from `format` when given, else from the extension. */
export function detectFormat(path: string, format?: CaseFormat): CaseFormat {
  if (format !== undefined) {
    if (format === 'jsonl' || format === 'json' || format === 'csv') return format
    throw new CaseFileError([{ file: path, line: 0, field: '', message: `unknown format "${String(format)}" (expected "jsonl", "json" or "csv")` }])
  }
  const extension = extname(path).toLowerCase()
  const detected = BY_EXTENSION[extension]
  if (detected !== undefined) return detected
  const what = extension === '' ? 'no file extension' : `unknown file extension "${extension}"`
  throw new CaseFileError([{ file: path, line: 0, field: '', message: `${what}: expected .jsonl, .ndjson, .json or .csv, or pass options.format` }])
}
