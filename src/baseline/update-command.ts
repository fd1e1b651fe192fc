import { isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * The command that accepts new baselines, as the user should type it: `vitest run -u` when Vitest runs in
 * its own root, else `vitest run --root <dir> -u` with the root relative to the current directory (e.g.
 * `vitest run --root example-suite -u` for `npm run example` started at the repository root).
 */
export function updateCommand(root: string | undefined, cwd: string = process.cwd()): string {
  if (root === undefined || root === '') return 'vitest run -u'
  const rel = relative(cwd, resolve(cwd, root))
  if (rel === '') return 'vitest run -u'
  const shown = isAbsolute(rel) ? rel : rel.split(sep).join('/')
  return `vitest run --root ${/[\s"'$`\\]/.test(shown) ? JSON.stringify(shown) : shown} -u`
}
