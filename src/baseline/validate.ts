/**
 * Full validation of a parsed baseline file against the types in `./types.ts`: every field's type and
 * range, so a hand-edited or corrupt file is an error naming its JSON path, never a TypeError in the gate
 * or a case that is silently never gated (`scores: {}`). Maps keyed by case keys, metrics or names come
 * back as null-prototype objects: titles like `__proto__` or `constructor` are ordinary keys.
 *
 * To add an optional field to a case entry, add one line to {@link CASE_FIELDS}.
 */
import { isObject } from '../util/json-path.js'
import type { BaselineFile, CaseRecord, Fingerprint } from './types.js'

/** A problem at a JSON path. */
export class BaselineShapeError extends Error {
  constructor(readonly path: string, problem: string) {
    super(`${path} ${problem}`)
  }
}

type Check = (value: unknown, path: string) => unknown

function show(v: unknown): string {
  const text = JSON.stringify(v)
  return text === undefined ? String(v) : text.length > 60 ? `${text.slice(0, 60)}…` : text
}

function fail(path: string, problem: string, value: unknown): never {
  throw new BaselineShapeError(path, `${problem}, got ${show(value)}`)
}

/** A JSON path step: `.name` for identifiers, `["…"]` otherwise. */
export function step(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

/** A copy of a plain object as a null-prototype map, each value checked. */
function nullMap<T>(value: unknown, path: string, each: (v: unknown, path: string) => T, bracket = false): Record<string, T> {
  if (!isObject(value)) fail(path, 'must be an object', value)
  const out = Object.create(null) as Record<string, T>
  for (const key of Object.keys(value)) out[key] = each(value[key], bracket ? `${path}[${JSON.stringify(key)}]` : step(path, key))
  return out
}

const score: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? v : fail(p, 'must be a score within [0, 1]', v))
const nonNegativeOrNull: Check = (v, p) => (v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0) ? v : fail(p, 'must be a non-negative number or null', v))
const stringOrNull: Check = (v, p) => (v === null || typeof v === 'string' ? v : fail(p, 'must be a string or null', v))
const string: Check = (v, p) => (typeof v === 'string' ? v : fail(p, 'must be a string', v))
const boolean: Check = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'must be true or false', v))
const stringList: Check = (v, p) => (Array.isArray(v) ? v.map((x, i) => string(x, `${p}[${i}]`)) : fail(p, 'must be an array of strings', v))

/** The fields of a case entry: how each is checked and whether it may be absent. */
const CASE_FIELDS: Record<keyof CaseRecord, { check: Check; optional: boolean }> = {
  category: { check: string, optional: true },
  critical: { check: boolean, optional: true },
  scores: {
    check: (v, p) => {
      const map = nullMap(v, p, score)
      if (Object.keys(map).length === 0) fail(p, 'must hold at least one score (an entry without scores is never gated)', v)
      return map
    },
    optional: false,
  },
  trials: {
    check: (v, p) => nullMap(v, p, (list, q) => (Array.isArray(list) && list.length > 0 ? list.map((x, i) => score(x, `${q}[${i}]`)) : fail(q, 'must be a non-empty array of scores', list))),
    optional: true,
  },
  trialCount: {
    check: (v, p) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : fail(p, 'must be a whole number of trials ≥ 1', v)),
    optional: true,
  },
  cluster: { check: string, optional: true },
  // Absent in files written by early versions: read as null.
  latencyMs: { check: nonNegativeOrNull, optional: true },
  ttftMs: { check: nonNegativeOrNull, optional: true },
  tokens: { check: nonNegativeOrNull, optional: true },
  costUsd: { check: nonNegativeOrNull, optional: true },
  outputHash: { check: stringOrNull, optional: true },
}

const NULL_WHEN_ABSENT = ['latencyMs', 'ttftMs', 'tokens', 'costUsd', 'outputHash'] as const

/** Checks one case entry; returns a clean copy (null-prototype score maps). */
export function checkCaseRecord(value: unknown, path: string): CaseRecord {
  if (!isObject(value)) fail(path, 'must be an object', value)
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const field = Object.hasOwn(CASE_FIELDS, key) ? CASE_FIELDS[key as keyof CaseRecord] : undefined
    if (!field) throw new BaselineShapeError(step(path, key), `is not a field of a baseline entry (known: ${Object.keys(CASE_FIELDS).join(', ')})`)
    out[key] = field.check(value[key], step(path, key))
  }
  for (const [key, field] of Object.entries(CASE_FIELDS)) {
    if (!field.optional && !Object.hasOwn(value, key)) throw new BaselineShapeError(step(path, key), 'is missing')
  }
  for (const key of NULL_WHEN_ABSENT) if (!Object.hasOwn(out, key)) out[key] = null
  return out as unknown as CaseRecord
}

/** Checks a fingerprint; absent fields are empty, present ones must have their type. */
export function checkFingerprint(value: unknown, path: string): Fingerprint {
  if (value === undefined || value === null) value = {}
  if (!isObject(value)) fail(path, 'must be an object', value)
  const known = ['prompts', 'models', 'judgeModels', 'judgePromptVersions', 'retrieval', 'other']
  for (const key of Object.keys(value)) if (!known.includes(key)) throw new BaselineShapeError(step(path, key), `is not a fingerprint field (known: ${known.join(', ')})`)
  const get = (k: string) => (Object.hasOwn(value as object, k) ? (value as Record<string, unknown>)[k] : undefined)
  return {
    prompts: get('prompts') === undefined ? Object.create(null) : nullMap(get('prompts'), step(path, 'prompts'), string as (v: unknown, p: string) => string),
    models: get('models') === undefined ? [] : (stringList(get('models'), step(path, 'models')) as string[]),
    judgeModels: get('judgeModels') === undefined ? [] : (stringList(get('judgeModels'), step(path, 'judgeModels')) as string[]),
    judgePromptVersions: get('judgePromptVersions') === undefined ? [] : (stringList(get('judgePromptVersions'), step(path, 'judgePromptVersions')) as string[]),
    retrieval: get('retrieval') === undefined ? null : (stringOrNull(get('retrieval'), step(path, 'retrieval')) as string | null),
    other: get('other') === undefined ? Object.create(null) : nullMap(get('other'), step(path, 'other'), string as (v: unknown, p: string) => string),
  }
}

/** Checks a whole parsed baseline file (JSON paths like `cases["a > b"].scores.pass`). */
export function checkBaselineData(data: unknown): BaselineFile {
  if (!isObject(data)) throw new BaselineShapeError('the top level', `must be an object, got ${show(data)}`)
  for (const key of Object.keys(data)) {
    if (!['version', 'file', 'fingerprint', 'cases'].includes(key)) throw new BaselineShapeError(`"${key}"`, 'is not a field of a baseline file (known: version, file, fingerprint, cases)')
  }
  if (data.version !== 1) throw new BaselineShapeError(`unsupported version ${show(data.version)}`, '(expected 1)')
  const file = data.file === undefined ? '' : (string(data.file, 'file') as string)
  const fingerprint = checkFingerprint(data.fingerprint, 'fingerprint')
  const cases = nullMap(data.cases, 'cases', checkCaseRecord, true)
  return { version: 1, file, fingerprint, cases }
}
