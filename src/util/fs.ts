import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { randomBytes } from 'node:crypto'

function tempPathFor(path: string): string {
  return `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
}

/**
 * Writes a file atomically: the content goes to a unique temp file beside the target, which is then
 * renamed over it. A reader sees either the old file or the new one, never half of one, and two
 * writers (parallel workers, shards) never interleave their bytes.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const tmp = tempPathFor(path)
  try {
    await writeFile(tmp, content)
    await rename(tmp, path)
  } catch (error) {
    await rm(tmp, { force: true })
    throw error
  }
}

/** Synchronous twin of {@link writeFileAtomic}, for exit paths that cannot await. */
export function writeFileAtomicSync(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = tempPathFor(path)
  try {
    writeFileSync(tmp, content)
    renameSync(tmp, path)
  } catch (error) {
    rmSync(tmp, { force: true })
    throw error
  }
}
