const perTask = new WeakMap<object, Map<string, number>>()

/**
 * Numbers identical requests within one test and trial: 0 for the first, 1 for the second, … So a test
 * that sends the same request several times (judge votes, load samples) records and replays each one,
 * and a replay reproduces the run. Outside tests (hooks, module top level) the order of calls across
 * files is not stable, so identical requests there share one recording (always 0).
 */
export function nextOccurrence(task: object | undefined, trial: number, request: string): number {
  if (task === undefined) return 0
  let counts = perTask.get(task)
  if (counts === undefined) perTask.set(task, (counts = new Map()))
  const key = `${trial}\u0000${request}`
  const n = counts.get(key) ?? 0
  counts.set(key, n + 1)
  return n
}
