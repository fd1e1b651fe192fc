import { CACHE_MODES, type CacheMode, type ResolvedCacheOptions } from './types.js'

/** The environment variable that overrides the configured cache mode. */
export const CACHE_ENV = 'EVALGATE_CACHE'

/** A cache setting that cannot be used (e.g. an unknown `EVALGATE_CACHE` value). */
export class CacheConfigError extends Error {
  override name = 'CacheConfigError'
}

/** Reads a mode name; throws naming where it came from and the allowed values. */
export function parseCacheMode(value: string, source: string): CacheMode {
  const mode = value.trim().toLowerCase()
  if ((CACHE_MODES as readonly string[]).includes(mode)) return mode as CacheMode
  throw new CacheConfigError(`evalgate: ${source} must be one of ${CACHE_MODES.join(', ')}; got ${JSON.stringify(value)}`)
}

/**
 * The mode in force: `off` unless the project configured `cache`; then `EVALGATE_CACHE` when set and
 * non-empty (the environment wins), else the configured mode (default `read-write`, on CI too).
 */
export function effectiveCacheMode(options: ResolvedCacheOptions | undefined, env: NodeJS.ProcessEnv = process.env): CacheMode {
  if (!options?.enabled) return 'off'
  const fromEnv = env[CACHE_ENV]
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseCacheMode(fromEnv, CACHE_ENV)
  return options.mode
}
