import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { FIXTURES, runVitest } from '../helpers/run-vitest.js'

describe('plugin start-up', () => {
  test('unknown or ill-typed options stop the run naming the option', async () => {
    const run = await runVitest(join(FIXTURES, 'bad-options'))
    expect(run.code).not.toBe(0)
    const out = run.stdout + run.stderr
    expect(out).toContain('unknown option "reporterr"')
    expect(out).toContain('option "schema.strict" must be boolean')
  })
})

describe('projects', () => {
  test('matchers reach every inline project, measurements go to the right concurrent test, one summary', async () => {
    const run = await runVitest(join(FIXTURES, 'projects'))
    const bad = [...run.tests.values()].filter((t) => t.state !== 'passed').map((t) => `${t.name}: ${t.messages.join('\n')}`)
    expect(bad, run.stdout + run.stderr).toEqual([])
    expect(run.tests.size).toBe(7)
    expect(run.code).toBe(0)
    expect(run.stdout.match(/^ evalgate /gm)).toHaveLength(1)
    expect(run.stdout).toContain('chat: 21 call(s)')
  })
})
