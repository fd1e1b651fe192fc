import { describe, expect, test } from 'vitest'
import { Semaphore, workerSemaphore } from '../../../src/worker/limit.js'
import { fullRunRequested } from '../../../src/worker/eval-cases.js'

// evalCases' concurrency limit (src/worker/limit.ts) and EVALGATE_FULL parsing.
describe('Semaphore', () => {
  test('never more than `limit` holders; waiters served in order; errors free the slot', async () => {
    const s = new Semaphore(2)
    let active = 0
    let peak = 0
    const order: number[] = []
    const job = (i: number) =>
      s.run(async () => {
        active++
        peak = Math.max(peak, active)
        await new Promise((r) => setTimeout(r, 5))
        order.push(i)
        active--
        if (i === 1) throw new Error('boom')
        return i
      })
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map(job))
    expect(peak).toBe(2)
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled'])
    expect(order.slice(0, 2).sort()).toEqual([0, 1])
    expect(s.inUse).toBe(0)
    expect(() => new Semaphore(0)).toThrow(RangeError)
  })

  test('one worker-wide semaphore per limit', () => {
    expect(workerSemaphore(3)).toBe(workerSemaphore(3))
    expect(workerSemaphore(3)).not.toBe(workerSemaphore(4))
  })

  test('EVALGATE_FULL', () => {
    expect(['1', 'true', 'yes'].map((v) => fullRunRequested({ EVALGATE_FULL: v }))).toEqual([true, true, true])
    expect(['', '0', 'false', 'no', undefined].map((v) => fullRunRequested({ EVALGATE_FULL: v }))).toEqual([false, false, false, false, false])
  })
})
