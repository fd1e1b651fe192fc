import { hostname } from 'node:os'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** A lock older than this is abandoned (its holder crashed or hangs). */
const STALE_MS = 30_000
/** A lock dated this far in the future (clock skew, a copied folder) is not trusted. */
const FUTURE_MS = 5_000
/** A lock without its owner file (crash between mkdir and write) is abandoned after this. */
const OWNERLESS_MS = 2_000
/**
 * Longest wait for a lock held by a live process: below Vitest's default 10 s hook timeout, so a stuck
 * lock is an error naming the lock, not "Hook timed out".
 */
export const LOCK_WAIT_MS = 5_000

/** Who holds a lock: written into it, read to tell a live holder from a crashed one. */
export interface LockOwner {
  pid: number
  host: string
  at: string
}

/** Thrown when a lock cannot be taken in time: names the lock, its holder and its age. */
export class LockTimeoutError extends Error {
  override name = 'EvalgateLockError'
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readOwner(lock: string): Promise<LockOwner | undefined> {
  try {
    const o = JSON.parse(await readFile(join(lock, 'owner.json'), 'utf8')) as Partial<LockOwner>
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host, at: String(o.at ?? '') } : undefined
  } catch {
    return undefined
  }
}

/** Why the lock at `lock` is abandoned, or undefined when its holder may still be working. */
export async function staleReason(lock: string, now = Date.now()): Promise<string | undefined> {
  const mtime = await stat(lock).then((s) => s.mtimeMs, () => undefined)
  if (mtime === undefined) return undefined // gone already: the next mkdir takes it
  const age = now - mtime
  if (age < -FUTURE_MS) return `its date is ${Math.round(-age / 1000)} s in the future`
  if (age > STALE_MS) return `it is ${Math.round(age / 1000)} s old`
  const owner = await readOwner(lock)
  if (!owner) return age > OWNERLESS_MS ? 'it has no owner' : undefined
  if (owner.host === hostname() && owner.pid !== process.pid && !alive(owner.pid)) return `its owner (pid ${owner.pid}) is not running`
  return undefined
}

/**
 * Runs `fn` while holding an exclusive lock on `path` (a `path.lock` directory: mkdir is atomic on every
 * platform; it holds `owner.json` with pid and host). Waits for a live holder at most `waitMs`; a lock
 * whose holder is gone (same host, pid not running), that is older than 30 s, dated in the future or
 * ownerless is taken over. A timeout throws {@link LockTimeoutError} naming the lock and its holder.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const lock = `${path}.lock`
  await mkdir(dirname(path), { recursive: true })
  const deadline = Date.now() + waitMs
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      await mkdir(lock)
      const owner: LockOwner = { pid: process.pid, host: hostname(), at: new Date().toISOString() }
      await writeFile(join(lock, 'owner.json'), JSON.stringify(owner))
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const stale = await staleReason(lock)
      if (stale !== undefined) {
        await rm(lock, { recursive: true, force: true })
        continue
      }
      if (Date.now() > deadline) {
        const owner = await readOwner(lock)
        const who = owner ? `held by pid ${owner.pid} on ${owner.host} since ${owner.at}` : 'held by an unknown process'
        throw new LockTimeoutError(`evalgate: timed out after ${waitMs} ms waiting for the lock ${lock} (${who}); remove it if no evalgate run is active`)
      }
      await new Promise((r) => setTimeout(r, delay))
    }
  }
  try {
    return await fn()
  } finally {
    await rm(lock, { recursive: true, force: true })
  }
}
