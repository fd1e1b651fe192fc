import { workerSlot } from './context.js'

/** A counting semaphore: at most `limit` holders at once, waiters served first come, first served. */
export class Semaphore {
  private active = 0
  private readonly waiting: Array<() => void> = []

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`concurrency must be an integer >= 1, got ${limit}`)
  }

  /** Runs `fn` once a slot is free, and frees it when `fn` settles. */
  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    else this.active++
    try {
      return await fn()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }

  /** Holders right now. */
  get inUse(): number {
    return this.active
  }
}

/** The worker-wide semaphore of `cases.concurrency` (one per limit value, shared by every eval set). */
export function workerSemaphore(limit: number): Semaphore {
  const all = workerSlot('case-semaphore', () => new Map<number, Semaphore>())
  let s = all.get(limit)
  if (s === undefined) all.set(limit, (s = new Semaphore(limit)))
  return s
}
