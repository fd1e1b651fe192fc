import { readFile, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../../util/fs.js'
import { stablePretty } from '../../util/stable.js'
import { entryProblem, sameExchange } from './entry.js'
import type { CacheEntry } from './types.js'

/** What reading a key found. */
export type CacheLookup = { found: true; entry: CacheEntry; file: string } | { found: false; file: string; problem?: string }

/**
 * Writes in progress, by file. A read of a key waits for its write: openai 7 lets a streamed call return
 * before the recording (started when the SDK cancels the body after `[DONE]`) is on disk.
 */
const writing = new Map<string, Promise<void>>()

/**
 * The cache folder: one stable pretty JSON file per entry at `<dir>/<key[0..2]>/<key>.json`. Writes are
 * atomic (temp file + rename), so parallel workers never see half a file; the last writer of a key wins.
 * A file's mtime is its last use (hits touch it), which `evalgate cache prune --older-than` reads.
 */
export class CacheStore {
  constructor(readonly dir: string) {}

  /** The file of a key. */
  fileOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`)
  }

  /** Reads an entry. A missing file is a plain miss; an unreadable or foreign one is a miss with a `problem`. */
  async get(key: string): Promise<CacheLookup> {
    await writing.get(this.fileOf(key))?.catch(() => undefined)
    return this.read(key)
  }

  private async read(key: string): Promise<CacheLookup> {
    const file = this.fileOf(key)
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false, file }
      return { found: false, file, problem: `cannot read ${file}: ${(error as Error).message}` }
    }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      return { found: false, file, problem: `${file} is not valid JSON (${(error as Error).message})` }
    }
    const problem = entryProblem(value, key)
    return problem === undefined ? { found: true, entry: value as CacheEntry, file } : { found: false, file, problem: `${file}: ${problem}` }
  }

  /**
   * Writes an entry atomically. When the file already holds the same request and answer it is only
   * touched, so re-recording an unchanged answer does not churn a committed cache.
   */
  put(entry: CacheEntry): Promise<void> {
    const file = this.fileOf(entry.key)
    const done: Promise<void> = this.write(entry).finally(() => {
      if (writing.get(file) === done) writing.delete(file)
    })
    writing.set(file, done)
    return done
  }

  private async write(entry: CacheEntry): Promise<void> {
    const existing = await this.read(entry.key)
    if (existing.found && sameExchange(existing.entry, entry)) return this.touch(entry.key)
    await writeFileAtomic(this.fileOf(entry.key), stablePretty(entry))
  }

  /** Marks a key as used now (its file's mtime); errors are ignored (e.g. a read-only checkout). */
  async touch(key: string): Promise<void> {
    const now = new Date()
    await utimes(this.fileOf(key), now, now).catch(() => undefined)
  }
}
