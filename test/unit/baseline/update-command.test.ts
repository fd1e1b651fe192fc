import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { updateCommand } from '../../../src/baseline/update-command.js'

describe('updateCommand: the -u advice names the root Vitest ran in', () => {
  test('root = current directory (or unknown): plain vitest run -u', () => {
    expect(updateCommand('/repo', '/repo')).toBe('vitest run -u')
    expect(updateCommand(undefined, '/repo')).toBe('vitest run -u')
  })
  test('a sub-folder root, as with npm run example', () => {
    expect(updateCommand('/repo/example-suite', '/repo')).toBe('vitest run --root example-suite -u')
    expect(updateCommand(join('/repo', 'a', 'b'), '/repo')).toBe('vitest run --root a/b -u')
  })
  test('a root elsewhere is given relative to the current directory; odd characters are quoted', () => {
    expect(updateCommand('/other/suite', '/repo')).toBe('vitest run --root ../other/suite -u')
    expect(updateCommand('/repo/my suite', '/repo')).toBe('vitest run --root "my suite" -u')
  })
})
