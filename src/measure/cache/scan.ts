import { readdir, readFile, rm, rmdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { writeFileAtomic } from '../../util/fs.js'
import { withFileLock } from '../../util/lock.js'
import { entryProblem } from './entry.js'
import { indexPack, PACK_EXT, PACKS_DIR, renderPack } from './pack.js'
import type { CacheEntry } from './types.js'

/** One entry of a cache folder (a loose file, or a line of a pack), as `evalgate cache` sees it. */
export interface ScannedEntry {
  /** The entry's file: its loose file, or its pack. */
  file: string
  /** Set for an entry in a pack (`file` is the pack). */
  pack?: boolean
  key: string
  /** Size of the file, or of the entry's line. */
  bytes: number
  /** Last use: the file's mtime (hits touch a loose file; a pack is touched once per run that replays from it). */
  usedAt: Date
  entry?: CacheEntry
  /** Why the file or line is not a usable entry (corrupt, other format, a pack that is not all entry lines). */
  problem?: string
}

const SHARD = /^[0-9a-f]{2}$/
const ENTRY = /^([0-9a-f]{64})\.json$/

/** Every pack of a cache folder (`<dir>/packs/**\/*.jsonl`), sorted by path. */
export async function packFiles(dir: string): Promise<string[]> {
  const root = join(dir, PACKS_DIR)
  const found = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])
  return found.filter((d) => d.isFile() && d.name.endsWith(PACK_EXT)).map((d) => join(d.parentPath, d.name)).sort()
}

/**
 * Every entry of a cache folder, sorted by file: loose files (`<dir>/<shard>/<key>.json`), then the lines
 * of each pack. With `read: false` loose files are not read (packs are: their keys are inside).
 */
export async function scanCache(dir: string, options: { read?: boolean } = {}): Promise<ScannedEntry[]> {
  const out: ScannedEntry[] = []
  await scanLoose(dir, options, out)
  for (const file of await packFiles(dir)) {
    const info = await stat(file)
    const text = await readFile(file, 'utf8')
    const index = indexPack(text, file)
    if (index.problem !== undefined) {
      out.push({ file, pack: true, key: '', bytes: info.size, usedAt: info.mtime, problem: index.problem })
      continue
    }
    for (const [key, line] of [...index.lines].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const scanned: ScannedEntry = { file, pack: true, key, bytes: Buffer.byteLength(line) + 1, usedAt: info.mtime }
      if (options.read !== false) readEntry(scanned, line)
      out.push(scanned)
    }
  }
  return out
}

function readEntry(scanned: ScannedEntry, text: string): void {
  try {
    const value = JSON.parse(text) as unknown
    const problem = entryProblem(value, scanned.key)
    if (problem === undefined) scanned.entry = value as CacheEntry
    else scanned.problem = problem
  } catch (error) {
    scanned.problem = `not valid JSON (${(error as Error).message})`
  }
}

async function scanLoose(dir: string, options: { read?: boolean }, out: ScannedEntry[]): Promise<void> {
  for (const shard of (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory() && SHARD.test(d.name)).map((d) => d.name).sort()) {
    for (const name of (await readdir(join(dir, shard))).sort()) {
      const key = ENTRY.exec(name)?.[1]
      if (key === undefined) continue
      const file = join(dir, shard, name)
      const info = await stat(file)
      const scanned: ScannedEntry = { file, key, bytes: info.size, usedAt: info.mtime }
      if (options.read !== false) readEntry(scanned, await readFile(file, 'utf8'))
      out.push(scanned)
    }
  }
}

/**
 * Removes the given entries: loose files, and lines of packs (a pack left without entries is removed,
 * any other is rewritten atomically under its lock, keeping what was written since the scan); then
 * folders left empty.
 */
export async function removeEntries(dir: string, entries: readonly ScannedEntry[]): Promise<void> {
  const byPack = new Map<string, Set<string>>()
  for (const e of entries) {
    if (e.pack) {
      let keys = byPack.get(e.file)
      if (keys === undefined) byPack.set(e.file, (keys = new Set()))
      keys.add(e.key)
    } else await rm(e.file, { force: true })
  }
  for (const [file, keys] of byPack) {
    await withFileLock(file, async () => {
      const text = await readFile(file, 'utf8').catch(() => undefined)
      if (text === undefined) return
      const index = indexPack(text, file)
      // An unusable pack is one scanned entry (key ''): removed whole when that entry is.
      if (index.problem !== undefined) {
        if (keys.has('')) await rm(file, { force: true })
        return
      }
      for (const key of keys) index.lines.delete(key)
      if (index.lines.size === 0) await rm(file, { force: true })
      else await writeFileAtomic(file, renderPack(index.lines))
    })
    await removeEmptyFolders(dirname(file), join(dir, PACKS_DIR))
  }
  for (const shard of await readdir(dir, { withFileTypes: true })) {
    if (!shard.isDirectory() || !SHARD.test(shard.name)) continue
    if ((await readdir(join(dir, shard.name))).length === 0) await rmdir(join(dir, shard.name)).catch(() => undefined)
  }
}

async function removeEmptyFolders(from: string, top: string): Promise<void> {
  for (let d = from; d.startsWith(top); d = dirname(d)) {
    if ((await readdir(d).catch(() => ['?'])).length > 0) return
    await rmdir(d).catch(() => undefined)
    if (d === top) return
  }
}

/** Temp files of interrupted atomic writes (`<name>.<pid>.<random>.tmp`) older than this are orphans. */
export const ORPHAN_TMP_MS = 60_000
const TMP = /\.tmp$/

/** An orphaned temp file of a killed run. */
export interface OrphanTmp {
  file: string
  bytes: number
  modifiedAt: Date
}

/**
 * Temp files (`*.tmp`) in the cache folder, its shard folders and its packs folder older than `minAgeMs`:
 * left by a run killed between writing and renaming. A younger one may belong to a write in progress.
 */
export async function scanOrphanTmp(dir: string, minAgeMs = ORPHAN_TMP_MS, now = Date.now()): Promise<OrphanTmp[]> {
  const out: OrphanTmp[] = []
  const folders = [dir]
  const top = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const d of top) if (d.isDirectory() && SHARD.test(d.name)) folders.push(join(dir, d.name))
  const packs = await readdir(join(dir, PACKS_DIR), { recursive: true, withFileTypes: true }).catch(() => [])
  if (packs.length > 0) folders.push(join(dir, PACKS_DIR))
  for (const d of packs) if (d.isDirectory()) folders.push(join(d.parentPath, d.name))
  for (const folder of folders) {
    for (const name of (await readdir(folder).catch(() => [] as string[])).sort()) {
      if (!TMP.test(name)) continue
      const file = join(folder, name)
      const info = await stat(file).catch(() => undefined)
      if (!info?.isFile() || now - info.mtimeMs < minAgeMs) continue
      out.push({ file, bytes: info.size, modifiedAt: info.mtime })
    }
  }
  return out
}

/** Removes orphaned temp files; returns how many were removed. */
export async function removeOrphanTmp(dir: string, minAgeMs = ORPHAN_TMP_MS): Promise<number> {
  const orphans = await scanOrphanTmp(dir, minAgeMs)
  let removed = 0
  for (const o of orphans) {
    await rm(o.file, { force: true })
    removed++
  }
  return removed
}
