import { AsyncLocalStorage } from 'node:async_hooks'
import type { CaseRecord } from '../baseline/types.js'

/*
 * The worker's state, behind one seam: every value evalgate keeps per worker lives on globalThis under a
 * registered symbol (so the setup file and user code share it even when a bundler or Vitest's module
 * runner loads evalgate's modules twice), and this file is the only one that touches those slots.
 */

/** A worker-wide value, created on first use: `workerSlot('fingerprint', () => …)`. */
export function workerSlot<T>(name: string, create: () => T): T {
  const g = globalThis as Record<symbol, unknown>
  const key = Symbol.for(`evalgate.${name}`)
  if (!(key in g)) g[key] = create()
  return g[key] as T
}

const OPTIONS_KEY = Symbol.for('evalgate.runtime-options')

/** Stores the resolved plugin options a worker received (called by evalgate's setup file): one slice per feature. */
export function setRuntimeOptions(options: object): void {
  ;(globalThis as Record<symbol, unknown>)[OPTIONS_KEY] = options
}

/**
 * One slice of the plugin options in force in this worker, e.g. `optionSlice(cacheSlice)`; the slice's
 * defaults when the plugin is not in use. Each feature reads its own slice (src/util/options.ts).
 */
export function optionSlice<T>(slice: { readonly key: string; readonly defaults: T }): T {
  const all = (globalThis as Record<symbol, unknown>)[OPTIONS_KEY] as Readonly<Record<string, unknown>> | undefined
  return (all?.[slice.key] as T | undefined) ?? slice.defaults
}

/** What matchers need from the worker's baseline tracker (set by the setup file). */
export interface BaselineAccess {
  entryFor(task: never): Promise<{ key: string; entry: CaseRecord | undefined; path: string }>
}

const TRACKER_KEY = Symbol.for('evalgate.baseline-tracker')

export function setBaselineTracker(tracker: BaselineAccess): void {
  ;(globalThis as Record<symbol, unknown>)[TRACKER_KEY] = tracker
}

/** The baseline tracker of this worker, or undefined without the evalgate setup file. */
export function baselineTracker(): BaselineAccess | undefined {
  return (globalThis as Record<symbol, unknown>)[TRACKER_KEY] as BaselineAccess | undefined
}

/** The part of a Vitest test task evalgate touches: its name, file and free-form `meta` bag. */
export interface TaskLike {
  id: string
  name: string
  meta: object
  file?: { filepath?: string }
}

interface Registry {
  storage: AsyncLocalStorage<TaskLike>
  fallback?: () => TaskLike | undefined
}

// Kept on globalThis so the setup file and user code share one registry even when a bundler or Vitest's
// module runner loads evalgate's modules twice.
const TASK_KEY = Symbol.for('evalgate.current-task')

function registry(): Registry {
  const g = globalThis as typeof globalThis & { [TASK_KEY]?: Registry }
  g[TASK_KEY] ??= { storage: new AsyncLocalStorage<TaskLike>() }
  return g[TASK_KEY]
}

/** Runs `fn` with `task` as the current test for everything it starts, concurrent tests included. */
export function runWithTask<T>(task: TaskLike, fn: () => T): T {
  return registry().storage.run(task, fn)
}

/** A secondary source of the current test, used when no async context carries one. */
export function setFallbackTaskResolver(resolve: () => TaskLike | undefined): void {
  registry().fallback = resolve
}

/** The test the calling code runs in, or undefined outside tests (or without evalgate's setup file). */
export function currentTask(): TaskLike | undefined {
  const r = registry()
  return r.storage.getStore() ?? r.fallback?.()
}

const ROOT_KEY = Symbol.for('evalgate.project-root')

/** Sets the project root relative paths resolve against in this worker (evalgate's setup may call it). */
export function setProjectRoot(root: string): void {
  ;(globalThis as Record<symbol, unknown>)[ROOT_KEY] = root
}

/**
 * The root of the Vitest project this worker runs: as set by {@link setProjectRoot}, else what the
 * plugin provided (`inject('evalgate:project')`, read lazily so code outside Vitest never loads it),
 * else the current directory.
 */
export async function projectRoot(): Promise<string> {
  const set = (globalThis as Record<symbol, unknown>)[ROOT_KEY]
  if (typeof set === 'string') return set
  try {
    const vitest = await import('vitest')
    const root = vitest.inject('evalgate:project')?.root
    // Not memoised: a worker may serve several projects.
    if (typeof root === 'string' && root !== '') return root
  } catch {
    // not inside a Vitest worker
  }
  return process.cwd()
}
