import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bench'))) return dir
    if (dirname(dir) === dir) throw new Error(`bench: repository root not found above ${from}`)
  }
}

/** The repository root (the harness runs compiled from .tmp/bench-build, or from bench/ when typechecked). */
export const REPO_ROOT = findRoot(resolve(dirname(fileURLToPath(import.meta.url))))
/** Scratch space of a run: generated fixture projects and data files (git-ignored). */
export const WORK_DIR = join(REPO_ROOT, '.tmp', 'bench')
/** Vitest's CLI entry of the repository's install. */
export const VITEST_BIN = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs')
