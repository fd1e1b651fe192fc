import { isAbsolute, resolve } from 'node:path'
import { optionSlice, projectRoot } from '../../worker/context.js'
import { cacheSlice } from './options.js'
import { effectiveCacheMode } from './mode.js'
import { removeOrphanTmp } from './scan.js'
import { CacheStore } from './store.js'
import type { CacheMode } from './types.js'

/** The cache a worker uses: its mode (never `off`), folder, and the project root (test files' packs are named from it). */
export interface ActiveCache {
  mode: Exclude<CacheMode, 'off'>
  store: CacheStore
  root: string
}

const stores = new Map<string, CacheStore>()
const cleaned = new Set<string>()

/**
 * The cache in force for calls made now, or undefined when it is off. Throws a `CacheConfigError` for an
 * unusable `EVALGATE_CACHE` value.
 */
export async function activeCache(): Promise<ActiveCache | undefined> {
  const options = optionSlice(cacheSlice)
  const mode = effectiveCacheMode(options)
  if (mode === 'off') return undefined
  const root = await projectRoot()
  const dir = isAbsolute(options.dir) ? options.dir : resolve(root, options.dir)
  let store = stores.get(dir)
  if (store === undefined) stores.set(dir, (store = new CacheStore(dir)))
  // Orphaned temp files of killed runs would be committed with the folder: cleaned once per process that
  // may write (a replay-only run never writes, and need not walk the folder).
  if (mode !== 'replay' && !cleaned.has(dir)) {
    cleaned.add(dir)
    await removeOrphanTmp(dir).catch(() => 0)
  }
  return { mode, store, root }
}

/**
 * Forgets the stores of this process (their packs as read and written so far): the next call reads the
 * cache folder afresh, as a new worker would. For tests that change cache files behind a store.
 */
export function forgetCacheStores(): void {
  stores.clear()
  cleaned.clear()
}
