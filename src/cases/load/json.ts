// Locations are recorded down to e.g. `cases[3].rubric[1].criterion`.
import { readFile } from 'node:fs/promises'
import { CaseFileError } from '../errors.js'
import { lineLocator, scanJson } from '../../util/json-scan.js'
import { formatPath, isObject, describeType, type PathSegment } from '../../util/json-path.js'
import type { RawRecord } from './record.js'
import { parseJsonFile, readLines } from '../files.js'

const DEPTH_BELOW_CASE = 3

/** Reads a JSON file holding an array of cases or `{ "cases": [...] }` (other top-level keys are ignored). */
export async function* readJson(path: string): AsyncGenerator<RawRecord> {
  let text = await readFile(path, 'utf8')
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const fileError = (line: number, message: string): CaseFileError =>
    new CaseFileError([{ file: path, line, field: '', message }])
  const data = parseJsonFile(path, text, 'a JSON array of cases or { "cases": [...] }')
  const toLine = lineLocator(text)

  let cases: unknown[]
  let prefix: PathSegment[]
  if (Array.isArray(data)) {
    cases = data
    prefix = []
  } else if (isObject(data) && Array.isArray(data.cases)) {
    cases = data.cases
    prefix = ['cases']
  } else {
    const got = isObject(data) ? (data.cases === undefined ? 'an object without "cases"' : `"cases" of type ${describeType(data.cases)}`) : describeType(data)
    throw fileError(1, `expected a JSON array of cases or an object with a "cases" array, got ${got}`)
  }
  if (cases.length === 0) throw fileError(1, 'file holds no cases (the array is empty)')

  const scan = scanJson(text, prefix.length + 1 + DEPTH_BELOW_CASE)
  const locations = scan.ok ? scan.locations : new Map<string, number>()
  for (let index = 0; index < cases.length; index++) {
    const base = [...prefix, index]
    const lineOf = (path: PathSegment[]): number => {
      for (let n = path.length; n >= 0; n--) {
        const offset = locations.get(formatPath([...base, ...path.slice(0, n)]))
        if (offset !== undefined) return toLine(offset)
      }
      return 1
    }
    yield { line: lineOf([]), value: cases[index], issues: [], lineOf }
  }
}

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
