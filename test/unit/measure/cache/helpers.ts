import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterEach, beforeEach, vi } from 'vitest'
import { runWithTask, type TaskLike, setRuntimeOptions } from '../../../../src/worker/context.js'
import { wrapOpenAI } from '../../../../src/measure/wrap-openai.js'
import { DEFAULT_OPTIONS } from '../../../../src/plugin/options.js'
import type { CacheMode } from '../../../../src/measure/cache/types.js'
import { scanCache } from '../../../../src/measure/cache/scan.js'
import { forgetCacheStores } from '../../../../src/measure/cache/runtime.js'

/** A fresh cache folder per test, and runtime options that turn the cache on in `mode`. */
export function useCacheDir(): { dir: () => string; setMode: (mode: CacheMode, enabled?: boolean) => void } {
  let dir = ''
  const setMode = (mode: CacheMode, enabled = true) => setRuntimeOptions({ ...DEFAULT_OPTIONS, cache: { enabled, mode, dir } })
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evalgate-cache-'))
    vi.stubEnv('EVALGATE_CACHE', '')
    setMode('read-write')
  })
  afterEach(async () => {
    forgetCacheStores()
    setRuntimeOptions(DEFAULT_OPTIONS)
    vi.unstubAllEnvs()
    await rm(dir, { recursive: true, force: true })
  })
  return { dir: () => dir, setMode }
}

/**
 * Every entry of a cache folder (a line of a pack, or a loose entry file), with its file and its text; a
 * missing folder has none.
 */
export async function entriesIn(dir: string): Promise<Array<{ path: string; text: string }>> {
  const scanned = await scanCache(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  const out: Array<{ path: string; text: string }> = []
  for (const e of scanned) {
    const text = e.pack ? (await readFile(e.file, 'utf8')).split('\n').find((l) => l.includes(`"key":"${e.key}"`))! : await readFile(e.file, 'utf8')
    out.push({ path: e.file, text })
  }
  return out
}

/** Every file under `dir` (recursively), with its content. */
export async function filesIn(dir: string): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = []
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push({ path: join(e.parentPath, e.name), text: await readFile(join(e.parentPath, e.name), 'utf8') })
  }
  return out
}

let ids = 0

/** A stand-in for a Vitest test task (what the cache reads: trial, occurrence scope, name). */
export function fakeTask(name = `t${++ids}`, repeatCount = 0): TaskLike & { result: { repeatCount: number }; fullTestName: string } {
  return { id: name, name, fullTestName: `suite > ${name}`, meta: {}, file: { filepath: '/x/evals/a.eval.ts' }, result: { repeatCount } }
}

/** Runs `fn` as if inside the test `task`. */
export function inTask<T>(task: TaskLike, fn: () => Promise<T>): Promise<T> {
  return runWithTask(task, fn)
}

/** A measured client of `baseURL`. */
export function measured(baseURL: string, apiKey = 'sk-test-not-a-real-key', options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) {
  return wrapOpenAI(new OpenAI({ baseURL, apiKey, maxRetries: 2, ...options }))
}
