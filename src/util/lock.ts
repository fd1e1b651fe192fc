import { mkdir, rm, stat } from 'node:fs/promises'
import { dirname } from 'node:path'

const STALE_MS = 30_000
const WAIT_MS = 60_000

/**
 * Runs `fn` while holding an exclusive lock on `path` (a `path.lock` directory: mkdir is atomic on every
 * platform). Waits for other holders; a lock older than 30 s is considered abandoned by a crashed process
 * and taken over.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`
  await mkdir(dirname(path), { recursive: true })
  const deadline = Date.now() + WAIT_MS
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      await mkdir(lock)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0)
      if (age > STALE_MS) await rm(lock, { recursive: true, force: true })
      else if (Date.now() > deadline) throw new Error(`evalgate: timed out waiting for the lock ${lock} (remove it if no evalgate run is active)`)
      else await new Promise((r) => setTimeout(r, delay))
    }
  }
  try {
    return await fn()
  } finally {
    await rm(lock, { recursive: true, force: true })
  }
}
