import { stat } from 'node:fs/promises'
import { CaseFileError } from './errors.js'

/** Throws a {@link CaseFileError} unless `path` is a readable regular file. */
export async function checkFile(path: string): Promise<void> {
  const fail = (message: string): CaseFileError => new CaseFileError([{ file: path, line: 0, field: '', message }])
  let isFile: boolean
  try {
    isFile = (await stat(path)).isFile()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw fail(code === 'ENOENT' ? 'file not found' : `cannot read file: ${(error as Error).message}`)
  }
  if (!isFile) throw fail('is not a file')
}
