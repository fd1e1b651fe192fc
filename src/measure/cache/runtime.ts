import { isAbsolute, resolve } from 'node:path'
import { optionSlice, projectRoot } from '../../worker/context.js'
import { cacheSlice } from './options.js'
import { effectiveCacheMode } from './mode.js'
import { removeOrphanTmp } from './scan.js'
import { CacheStore } from './store.js'
import type { CacheMode } from './types.js'

/** The cache a worker uses: its mode (never `off`) and folder. */
export interface ActiveCache {
  mode: Exclude<CacheMode, 'off'>
  store: CacheStore
}

const stores = new Map<string, CacheStore>()

/**
 * The cache in force for calls made now, or undefined when it is off. Throws a `CacheConfigError` for an
 * unusable `EVALGATE_CACHE` value.
 */
export async function activeCache(): Promise<ActiveCache | undefined> {
  const options = optionSlice(cacheSlice)
  const mode = effectiveCacheMode(options)
  if (mode === 'off') return undefined
  const dir = isAbsolute(options.dir) ? options.dir : resolve(await projectRoot(), options.dir)
  let store = stores.get(dir)
  if (store === undefined) {
    stores.set(dir, (store = new CacheStore(dir)))
    // Orphaned temp files of killed runs would be committed with the folder: cleaned once per process.
    await removeOrphanTmp(dir).catch(() => 0)
  }
  return { mode, store }
}
