import type { OptionSlice } from '../../util/options.js'
import { CACHE_MODES, type CacheMode, type ResolvedCacheOptions } from './types.js'

/**
 * Plugin option `cache`: record/replay cache of model, judge and embedding calls made through `wrapOpenAI`.
 * Off unless set (`cache: true` = defaults). `EVALGATE_CACHE` overrides the mode when the cache is configured.
 */
export type CacheOptions = boolean | {
  /** `read-write` (default, locally and on CI), `replay` (offline: a miss fails), `record` (always call, overwrite) or `off`. */
  mode?: CacheMode
  /** Cache folder, relative to the project root; commit it to replay on CI. Default `'.evalgate/cache'`. */
  dir?: string
  /**
   * A name that stands for the host and port of every call's endpoint in cache keys (the path is kept).
   * Without it the key holds host and port, so two local servers on different ports never share entries;
   * set it when the suite starts its own local server on a random port, and only then (every endpoint of
   * the run is keyed under this one name). Default: none.
   */
  endpointAlias?: string
}

const defaults: ResolvedCacheOptions = { enabled: false, mode: 'read-write', dir: '.evalgate/cache' }

export const cacheSlice: OptionSlice<'cache', CacheOptions, ResolvedCacheOptions> = {
  key: 'cache',
  defaults,
  schema: {
    anyOf: [
      { type: 'boolean' },
      {
        type: 'object',
        additionalProperties: false,
        properties: { mode: { enum: [...CACHE_MODES] }, dir: { type: 'string', minLength: 1 }, endpointAlias: { type: 'string', pattern: '^[A-Za-z0-9._-]+$' } },
      },
    ],
  },
  resolve(cache) {
    const given = typeof cache === 'object' ? cache : {}
    return { ...defaults, ...given, enabled: cache !== undefined && cache !== false }
  },
}
