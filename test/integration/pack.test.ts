import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FIXTURES, REPO_ROOT, failureOf, misbehaving, runVitest, type VitestRun } from '../helpers/run-vitest.js'

// The "done when": a fresh directory that installs the packed tarball plus vitest, adds the one-line
// config, and runs a test file. Installs come from the npm cache when warm (--prefer-offline).
let dir: string
let run: VitestRun

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'evalgate-consumer-'))
  const out = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO_ROOT, encoding: 'utf8' })
  const tarball = out.trim().split('\n').pop()!
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  const pkg = (await import(join(REPO_ROOT, 'package.json'), { with: { type: 'json' } })).default as { devDependencies: Record<string, string> }
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', join(dir, tarball), `vitest@${pkg.devDependencies.vitest}`, `openai@${pkg.devDependencies.openai}`], { cwd: dir, stdio: 'pipe', timeout: 240_000 })
  for (const f of readdirSync(join(FIXTURES, 'consumer'))) copyFileSync(join(FIXTURES, 'consumer', f), join(dir, f))
  run = await runVitest(dir, [], {}, 120_000)
}, 300_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('installed from the packed tarball', () => {
  test('matchers work with the one-line config and the exit code is 1 for the failing tests', () => {
    expect(run.tests.size, run.stdout + run.stderr).toBe(6)
    expect(misbehaving(run)).toEqual([])
    expect(run.code).toBe(1)
    expect(failureOf(run, '[fail] prose only')).toMatch(/no JSON/i)
    expect(failureOf(run, '[fail] missing key')).toContain('"confidence"')
  })
})
