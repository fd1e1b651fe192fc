import { readFile } from 'node:fs/promises'
import { stablePretty } from '../../util/stable.js'
import { writeFileAtomic } from '../../util/fs.js'
import type { SubsetBudget } from './budget.js'
import { CaseFileError, type CaseIssue } from '../errors.js'
import { checkFile, parseJsonFile } from '../files.js'
import { lineLocator, scanJson } from '../../util/json-scan.js'
import { describeType, formatPath, isObject, type PathSegment } from '../../util/json-path.js'
import type { SelectionReason, SubsetResult } from './select.js'
import type { EvalCase } from '../types.js'

/** A regression subset as stored in the repository. */
export interface SubsetFile {
  version: 1
  seed: number | string
  budget: SubsetBudget
  /** Where the cases came from (e.g. the case file path), when known. */
  source?: string
  /** Selected case ids, in the cases' original order. */
  ids: string[]
  reasons: Record<string, SelectionReason>
}

const REASONS = new Set<string>(['critical', 'flipped', 'near-threshold', 'recent-failure', 'stratified'])

/** Builds the stored form of a selection. */
export function toSubsetFile(result: SubsetResult, source?: string): SubsetFile {
  const file: SubsetFile = { version: 1, seed: result.seed, budget: { ...result.budget }, ids: result.cases.map((c) => c.id), reasons: { ...result.reasons } }
  if (source !== undefined) file.source = source
  return file
}

/** Writes a subset file atomically as sorted, pretty JSON (diff-friendly); returns what it wrote. */
export async function writeSubset(path: string, result: SubsetResult, options: { source?: string } = {}): Promise<SubsetFile> {
  const file = toSubsetFile(result, options.source)
  await writeFileAtomic(path, stablePretty(file))
  return file
}

/** Reads and checks a subset file; problems are thrown together as a {@link CaseFileError} with line and field. */
export async function readSubset(path: string): Promise<SubsetFile> {
  await checkFile(path)
  const text = await readFile(path, 'utf8')
  const toLine = lineLocator(text)
  const one = (line: number, message: string): CaseFileError => new CaseFileError([{ file: path, line, field: '', message }])
  const data = parseJsonFile(path, text, 'a subset file ({ "version": 1, "ids": [...], ... })')
  if (!isObject(data)) throw one(1, `a subset file must be a JSON object, got ${describeType(data)}`)

  const scan = scanJson(text, 2)
  const locations = scan.ok ? scan.locations : new Map<string, number>()
  const issues: CaseIssue[] = []
  const fail = (field: PathSegment[], message: string): void => {
    let line = 1
    for (let n = field.length; n >= 0; n--) {
      const offset = locations.get(formatPath(field.slice(0, n)))
      if (offset !== undefined) {
        line = toLine(offset)
        break
      }
    }
    issues.push({ file: path, line, field: formatPath(field), message })
  }
  checkSubset(data, fail)
  if (issues.length > 0) throw new CaseFileError(issues)
  return data as unknown as SubsetFile
}

function checkSubset(data: Record<string, unknown>, fail: (field: PathSegment[], message: string) => void): void {
  if (data.version !== 1) fail(['version'], data.version === undefined ? 'is required (1)' : `must be 1, got ${JSON.stringify(data.version)}`)
  if (typeof data.seed !== 'string' && typeof data.seed !== 'number') fail(['seed'], `must be a string or number, got ${describeType(data.seed)}`)
  if (!isObject(data.budget)) fail(['budget'], `must be an object like { "cases": 50 }, got ${describeType(data.budget)}`)
  else {
    for (const key of ['cases', 'minutes']) {
      const value = data.budget[key]
      if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) fail(['budget', key], `must be a number >= 0, got ${describeType(value)}`)
    }
  }
  if (data.source !== undefined && typeof data.source !== 'string') fail(['source'], `must be a string, got ${describeType(data.source)}`)
  const ids = new Set<string>()
  if (!Array.isArray(data.ids)) fail(['ids'], `must be an array of case ids, got ${describeType(data.ids)}`)
  else {
    data.ids.forEach((id: unknown, i) => {
      if (typeof id !== 'string' || id === '') fail(['ids', i], `must be a non-empty string, got ${describeType(id)}`)
      else if (ids.has(id)) fail(['ids', i], `repeats id "${id}"`)
      else ids.add(id)
    })
  }
  if (!isObject(data.reasons)) {
    fail(['reasons'], `must be an object mapping ids to reasons, got ${describeType(data.reasons)}`)
    return
  }
  for (const [id, reason] of Object.entries(data.reasons)) {
    if (typeof reason !== 'string' || !REASONS.has(reason)) fail(['reasons', id], `must be one of ${[...REASONS].join(', ')}, got ${JSON.stringify(reason)}`)
    if (Array.isArray(data.ids) && !ids.has(id)) fail(['reasons', id], 'names an id that is not in "ids"')
  }
  for (const id of ids) if (!Object.hasOwn(data.reasons, id)) fail(['reasons'], `has no reason for id "${id}"`)
}

/** The cases named by a subset, in their original order, and the subset ids no case has (e.g. deleted cases). */
export function casesInSubset<Input, Expected>(
  cases: ReadonlyArray<EvalCase<Input, Expected>>,
  subset: Pick<SubsetFile, 'ids'>,
): { cases: Array<EvalCase<Input, Expected>>; missing: string[] } {
  const wanted = new Set(subset.ids)
  const picked = cases.filter((c) => wanted.has(c.id))
  const found = new Set(picked.map((c) => c.id))
  return { cases: picked, missing: subset.ids.filter((id) => !found.has(id)) }
}
