import { AsyncLocalStorage } from 'node:async_hooks'

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
const KEY = Symbol.for('evalgate.current-task')

function registry(): Registry {
  const g = globalThis as typeof globalThis & { [KEY]?: Registry }
  g[KEY] ??= { storage: new AsyncLocalStorage<TaskLike>() }
  return g[KEY]
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
