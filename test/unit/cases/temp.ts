import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect } from 'vitest'
import { CaseFileError } from '../../../src/cases/index.js'

/** A fresh folder under the OS temp dir per test, removed afterwards. */
export function useTempDir(): { path: (name: string) => string; write: (name: string, content: string) => Promise<string> } {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evalgate-cases-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const path = (name: string): string => join(dir, name)
  return {
    path,
    write: async (name, content) => {
      await writeFile(path(name), content)
      return path(name)
    },
  }
}

/** Awaits a promise expected to reject with a CaseFileError and returns it. */
export async function caseError(promise: Promise<unknown>): Promise<CaseFileError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CaseFileError)
  return error as CaseFileError
}

/** One JSON object per line. */
export function jsonl(rows: unknown[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + '\n'
}
