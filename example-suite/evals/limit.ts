import type { EvalCase } from 'evalgate'

/** The environment variable that bounds the example to a few cases (e.g. against a slow real server). */
export const LIMIT_ENV = 'EVALGATE_EXAMPLE_LIMIT'

/**
 * The cases to run: all of them, or with `EVALGATE_EXAMPLE_LIMIT=N` the first N taken round-robin over the
 * categories (file order inside each), so a small run still covers every category. The rest come back as
 * `skipped`: the suite registers them as skipped tests, so their baseline entries stay (not obsolete).
 */
export function limitCases<I, E>(cases: ReadonlyArray<EvalCase<I, E>>, env: NodeJS.ProcessEnv = process.env) {
  const raw = env[LIMIT_ENV]?.trim()
  if (raw === undefined || raw === '') return { run: [...cases], skipped: [] as Array<EvalCase<I, E>> }
  const limit = Number(raw)
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`${LIMIT_ENV} must be an integer >= 1, got ${JSON.stringify(raw)}`)
  const queues = new Map<string, Array<EvalCase<I, E>>>()
  for (const c of cases) {
    const key = c.category ?? ''
    queues.set(key, [...(queues.get(key) ?? []), c])
  }
  const picked = new Set<EvalCase<I, E>>()
  while (picked.size < Math.min(limit, cases.length)) {
    for (const queue of queues.values()) {
      const next = queue.shift()
      if (next && picked.size < limit) picked.add(next)
    }
  }
  return { run: cases.filter((c) => picked.has(c)), skipped: cases.filter((c) => !picked.has(c)) }
}
