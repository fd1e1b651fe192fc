/** Issue 10 row 10: stale locks detected by owner and age; never a wait longer than a hook allows. */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { LockTimeoutError, staleReason, withFileLock } from '../../../src/util/lock.js'

function lockAt(owner: object | undefined, ageMs = 0): { path: string; lock: string } {
  const dir = mkdtempSync(join(tmpdir(), 'evalgate-lock-'))
  const path = join(dir, 'a.json')
  const lock = `${path}.lock`
  mkdirSync(lock)
  if (owner) writeFileSync(join(lock, 'owner.json'), JSON.stringify(owner))
  const t = (Date.now() - ageMs) / 1000
  utimesSync(lock, t, t)
  return { path, lock }
}

/** A pid that is not running: a child that already exited is not guaranteed, so take a huge one. */
const DEAD_PID = 2 ** 22 + 12345

describe('file locks', () => {
  test('a young lock of a crashed process on this host is taken over at once', async () => {
    const { path, lock } = lockAt({ pid: DEAD_PID, host: hostname(), at: 'x' }, 1000)
    expect(await staleReason(lock)).toBe(`its owner (pid ${DEAD_PID}) is not running`)
    const t0 = Date.now()
    expect(await withFileLock(path, async () => 'done')).toBe('done')
    expect(Date.now() - t0).toBeLessThan(1000)
  })

  test('a lock dated in the future, an old one and an ownerless one are stale', async () => {
    expect(await staleReason(lockAt({ pid: process.pid + 1, host: 'elsewhere', at: 'x' }, -60_000).lock)).toMatch(/in the future/)
    expect(await staleReason(lockAt({ pid: process.pid + 1, host: 'elsewhere', at: 'x' }, 40_000).lock)).toMatch(/40 s old/)
    expect(await staleReason(lockAt(undefined, 3000).lock)).toBe('it has no owner')
  })

  test('a live holder is waited for at most the given time, then the error names the lock and its holder', async () => {
    const { path, lock } = lockAt({ pid: process.ppid, host: hostname(), at: '2026-01-01T00:00:00Z' }, 0)
    const error = await withFileLock(path, async () => 'never', 200).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LockTimeoutError)
    expect((error as Error).message).toContain(`timed out after 200 ms waiting for the lock ${lock} (held by pid ${process.ppid} on ${hostname()}`)
  })
})
