import { DEFAULT_OPTIONS, type ResolvedOptions } from '../plugin/options.js'

const KEY = Symbol.for('evalgate.runtime-options')

/** Stores the plugin options a worker received (called by evalgate's setup file). */
export function setRuntimeOptions(options: ResolvedOptions): void {
  ;(globalThis as Record<symbol, unknown>)[KEY] = options
}

/** The plugin options in force in this worker; the defaults when the plugin is not in use. */
export function runtimeOptions(): ResolvedOptions {
  return ((globalThis as Record<symbol, unknown>)[KEY] as ResolvedOptions | undefined) ?? DEFAULT_OPTIONS
}
