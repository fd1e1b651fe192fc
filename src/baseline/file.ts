import { readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { stablePretty } from '../util/stable.js'
import { writeFileAtomic } from '../util/fs.js'
import { withFileLock } from '../util/lock.js'
import type { BaselineFile, CaseRecord, Fingerprint } from './types.js'
import { BaselineShapeError, checkBaselineData } from './validate.js'

/** A baseline file that cannot be read: the message names the file and what is wrong. */
export class BaselineFileError extends Error {
  override name = 'BaselineFileError'
  constructor(readonly path: string, problem: string) {
    super(`evalgate: baseline file ${path} is corrupt: ${problem}. Fix it by hand, or delete it and run \`vitest run -u\` to record it again.`)
  }
}

export function emptyFingerprint(): Fingerprint {
  return { prompts: {}, models: [], judgeModels: [], judgePromptVersions: [], retrieval: null, other: {} }
}

/** Validates parsed JSON as a baseline file, naming the JSON path of the first problem (see ./validate.ts). */
export function parseBaseline(path: string, text: string): BaselineFile {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new BaselineFileError(path, `not valid JSON (${(error as Error).message})`)
  }
  try {
    return checkBaselineData(data)
  } catch (error) {
    if (error instanceof BaselineShapeError) throw new BaselineFileError(path, error.message)
    throw error
  }
}

/** Reads a baseline file; undefined when it does not exist. Throws {@link BaselineFileError} when corrupt. */
export async function readBaseline(path: string): Promise<BaselineFile | undefined> {
  if (!existsSync(path)) return undefined
  return parseBaseline(path, await readFile(path, 'utf8'))
}

/** The changes a run makes to one baseline file. */
export interface BaselineUpdate {
  file: string
  fingerprint?: Fingerprint
  /** Entries to add or replace. */
  set: Record<string, CaseRecord>
  /** Keys to remove (obsolete entries under -u). */
  remove: string[]
}

/**
 * Applies an update to the file on disk under a lock (read, merge, atomic write), so parallel workers and
 * shards writing the same file never lose each other's entries or leave half a file. Returns whether the
 * file content changed.
 */
export async function applyBaselineUpdate(path: string, update: BaselineUpdate): Promise<boolean> {
  return withFileLock(path, async () => {
    const current = await readBaseline(path)
    const before = current ? stablePretty(current) : ''
    const next: BaselineFile = current ?? { version: 1, file: update.file, fingerprint: emptyFingerprint(), cases: Object.create(null) as Record<string, CaseRecord> }
    next.file = update.file
    if (update.fingerprint) next.fingerprint = update.fingerprint
    for (const key of Object.keys(update.set)) next.cases[key] = update.set[key]!
    for (const key of update.remove) delete next.cases[key]
    const text = stablePretty(next)
    if (text === before) return false
    await writeFileAtomic(path, text)
    return true
  })
}
