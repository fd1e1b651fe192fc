import { readdir, readFile, rm, rmdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { entryProblem } from './entry.js'
import type { CacheEntry } from './types.js'

/** One file of a cache folder, as `evalgate cache` sees it. */
export interface ScannedEntry {
  file: string
  key: string
  bytes: number
  /** Last use: the file's mtime (hits touch it). */
  usedAt: Date
  entry?: CacheEntry
  /** Why the file is not a usable entry (corrupt, other format). */
  problem?: string
}

const SHARD = /^[0-9a-f]{2}$/
const ENTRY = /^([0-9a-f]{64})\.json$/

/** Every entry file of a cache folder (`<dir>/<shard>/<key>.json`), sorted by path. */
export async function scanCache(dir: string, options: { read?: boolean } = {}): Promise<ScannedEntry[]> {
  const out: ScannedEntry[] = []
  for (const shard of (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory() && SHARD.test(d.name)).map((d) => d.name).sort()) {
    for (const name of (await readdir(join(dir, shard))).sort()) {
      const key = ENTRY.exec(name)?.[1]
      if (key === undefined) continue
      const file = join(dir, shard, name)
      const info = await stat(file)
      const scanned: ScannedEntry = { file, key, bytes: info.size, usedAt: info.mtime }
      if (options.read !== false) {
        try {
          const value = JSON.parse(await readFile(file, 'utf8')) as unknown
          const problem = entryProblem(value, key)
          if (problem === undefined) scanned.entry = value as CacheEntry
          else scanned.problem = problem
        } catch (error) {
          scanned.problem = `not valid JSON (${(error as Error).message})`
        }
      }
      out.push(scanned)
    }
  }
  return out
}

/** Removes the given entry files, then shard folders left empty. */
export async function removeEntries(dir: string, entries: readonly ScannedEntry[]): Promise<void> {
  for (const e of entries) await rm(e.file, { force: true })
  for (const shard of await readdir(dir, { withFileTypes: true })) {
    if (!shard.isDirectory() || !SHARD.test(shard.name)) continue
    if ((await readdir(join(dir, shard.name))).length === 0) await rmdir(join(dir, shard.name)).catch(() => undefined)
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
 * Temp files (`*.tmp`) in the cache folder and its shard folders older than `minAgeMs`: left by a run
 * killed between writing and renaming. A younger one may belong to a write in progress.
 */
export async function scanOrphanTmp(dir: string, minAgeMs = ORPHAN_TMP_MS, now = Date.now()): Promise<OrphanTmp[]> {
  const out: OrphanTmp[] = []
  const folders = [dir]
  const top = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const d of top) if (d.isDirectory() && SHARD.test(d.name)) folders.push(join(dir, d.name))
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
