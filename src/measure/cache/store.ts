import { readFile, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../../util/fs.js'
import { withFileLock } from '../../util/lock.js'
import { stablePretty } from '../../util/stable.js'
import { entryProblem, sameExchange } from './entry.js'
import { entryLine, indexPack, renderPack, type PackIndex } from './pack.js'
import type { CacheEntry } from './types.js'

/**
 * What reading a key found. `packProblem`: the pack itself is unusable (a line that is not an entry, e.g. a
 * merge conflict); no entry of it can be trusted, and writing to it would lose lines.
 */
export type CacheLookup =
  | { found: true; entry: CacheEntry; file: string }
  | { found: false; file: string; problem?: string; packProblem?: boolean }

/**
 * Writes in progress, by file. A read of a key waits for its write: openai 7 lets a streamed call return
 * before the recording (started when the SDK cancels the body after `[DONE]`) is on disk.
 */
const writing = new Map<string, Promise<void>>()

/** An entry waiting to be written to a pack, with its line (stable JSON, worked out once). */
interface PackedEntry {
  entry: CacheEntry
  line: string
}

/** A pack as this process knows it: its lines (read once, plus what this process recorded) and its writes. */
interface PackState {
  index: PackIndex
  touched: boolean
  /** Entries waiting for the next write, and the promise that write settles. */
  batch?: { entries: Map<string, PackedEntry>; done: Promise<void> }
  /** The write in progress. */
  flushing?: Promise<void>
  /** The pack as this process last wrote it: reused by the next write while the file is still that one. */
  written?: { id: string; lines: Map<string, string> }
}

/**
 * The cache folder. Calls made in a test file live in that file's pack (`<dir>/packs/<test file>.jsonl`,
 * see pack.ts): read once per process when the file first looks a key up, a line parsed only on a hit.
 * Calls outside a test file (and caches recorded before packs) are one stable pretty JSON file per entry,
 * `<dir>/<key[0..2]>/<key>.json`, still read. Writes are atomic (temp file + rename), pack writes are
 * merged with the file on disk under a lock, so parallel workers never see half a file or lose each other's
 * entries. Last use: a loose file's mtime (hits touch it), a pack's mtime (touched once per process on its
 * first hit), which `evalgate cache prune --older-than` reads.
 */
export class CacheStore {
  private readonly packs = new Map<string, Promise<PackState>>()

  constructor(readonly dir: string) {}

  /** The loose file of a key. */
  fileOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`)
  }

  /**
   * Reads an entry: from `pack` when given and it holds the key, else from the key's loose file. A missing
   * file is a plain miss; an unreadable or foreign one is a miss with a `problem`.
   */
  async get(key: string, pack?: string): Promise<CacheLookup> {
    if (pack !== undefined) {
      const state = await this.pack(pack)
      if (state.index.problem !== undefined) return { found: false, file: pack, problem: state.index.problem, packProblem: true }
      const line = state.index.lines.get(key)
      if (line !== undefined) {
        if (!state.touched) {
          state.touched = true
          void touchFile(pack)
        }
        return parsed(line, key, pack)
      }
    }
    await writing.get(this.fileOf(key))?.catch(() => undefined)
    return this.read(key)
  }

  /** Why the pack `file` is unusable (read once per process), or undefined. */
  async packProblem(file: string): Promise<string | undefined> {
    return (await this.pack(file)).index.problem
  }

  private pack(file: string): Promise<PackState> {
    let state = this.packs.get(file)
    if (state === undefined) this.packs.set(file, (state = loadPack(file)))
    return state
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
    return parsed(text, key, file)
  }

  /**
   * Writes an entry: into `pack` when given (visible to this process's reads at once, on disk when the
   * promise settles; entries recorded meanwhile share one write), else atomically into its loose file.
   * An unchanged request and answer is not rewritten, so re-recording does not churn a committed cache.
   */
  put(entry: CacheEntry, pack?: string): Promise<void> {
    if (pack !== undefined) return this.putInPack(entry, pack)
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

  private async putInPack(entry: CacheEntry, file: string): Promise<void> {
    const state = await this.pack(file)
    if (state.index.problem !== undefined) throw new Error(state.index.problem)
    const line = entryLine(entry)
    state.index.lines.set(entry.key, line)
    if (state.batch === undefined) {
      const entries = new Map<string, PackedEntry>()
      // The batch is written after the write in progress: everything recorded until then joins it.
      const done = (state.flushing ?? Promise.resolve()).catch(() => undefined).then(() => {
        state.batch = undefined
        const flushing = mergeIntoPack(file, entries, state)
        state.flushing = flushing
        return flushing
      })
      state.batch = { entries, done }
    }
    state.batch.entries.set(entry.key, { entry, line })
    return state.batch.done
  }

  /** Marks a key's loose file as used now (its mtime); errors are ignored (e.g. a read-only checkout). */
  async touch(key: string): Promise<void> {
    await touchFile(this.fileOf(key))
  }
}

async function touchFile(file: string): Promise<void> {
  const now = new Date()
  await utimes(file, now, now).catch(() => undefined)
}

/** The entry of a file's or line's text, or why it is unusable (naming `file`). */
function parsed(text: string, key: string, file: string): CacheLookup {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { found: false, file, problem: `${file} is not valid JSON (${(error as Error).message})` }
  }
  const problem = entryProblem(value, key)
  return problem === undefined ? { found: true, entry: value as CacheEntry, file } : { found: false, file, problem: `${file}: ${problem}` }
}

async function readPack(file: string): Promise<PackIndex> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: new Map() }
    return { lines: new Map(), problem: `cannot read ${file}: ${(error as Error).message}` }
  }
  return indexPack(text, file)
}

async function loadPack(file: string): Promise<PackState> {
  return { index: await readPack(file), touched: false }
}

/**
 * Merges entries into the pack on disk, under its lock: what other processes wrote since is kept, an entry
 * whose request and answer are unchanged keeps its line (no churn), and nothing is written when nothing
 * changed. An unusable pack on disk is never overwritten (its other lines would be lost): that throws.
 */
async function mergeIntoPack(file: string, entries: ReadonlyMap<string, PackedEntry>, state: PackState): Promise<void> {
  await withFileLock(file, async () => {
    // The file this process wrote last is not read again (a pack grows by one write per batch): an atomic
    // write is a new inode, so any other writer's rename shows in the id.
    const id = await fileId(file)
    const disk = state.written !== undefined && state.written.id === id ? { lines: state.written.lines } : await readPack(file)
    if (disk.problem !== undefined) throw new Error(disk.problem)
    let changed = false
    for (const [key, { entry, line }] of entries) {
      const old = disk.lines.get(key)
      if (old !== undefined) {
        const existing = parsed(old, key, file)
        if (existing.found && sameExchange(existing.entry, entry)) continue
      }
      disk.lines.set(key, line)
      changed = true
    }
    if (changed) await writeFileAtomic(file, renderPack(disk.lines))
    else await touchFile(file)
    const now = await fileId(file)
    state.written = now === undefined ? undefined : { id: now, lines: disk.lines }
  })
}

/** Names one version of a file: inode, size and mtime; undefined when it does not exist. */
async function fileId(file: string): Promise<string | undefined> {
  const s = await stat(file, { bigint: true }).catch(() => undefined)
  return s === undefined ? undefined : `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`
}
