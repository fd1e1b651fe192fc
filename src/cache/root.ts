const KEY = Symbol.for('evalgate.project-root')

/** Sets the project root relative paths resolve against in this worker (evalgate's setup may call it). */
export function setProjectRoot(root: string): void {
  ;(globalThis as Record<symbol, unknown>)[KEY] = root
}

/**
 * The root of the Vitest project this worker runs: as set by {@link setProjectRoot}, else what the
 * plugin provided (`inject('evalgate:project')`, read lazily so code outside Vitest never loads it),
 * else the current directory.
 */
export async function projectRoot(): Promise<string> {
  const set = (globalThis as Record<symbol, unknown>)[KEY]
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
