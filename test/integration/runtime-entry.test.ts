import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FIXTURES, REPO_ROOT } from '../helpers/run-vitest.js'

// An app that installs the packed tarball and openai, but not vitest: `evalgate/runtime` (production code)
// and `evalgate/tools` (offline tooling) must import and work there; the test-time root needs Vitest.
let dir: string
let output: { importMs: number; attempts: number; model: string; pass: boolean; sampled: boolean; p50: number; root: string }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'evalgate-runtime-app-'))
  const out = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO_ROOT, encoding: 'utf8' })
  const tarball = out.trim().split('\n').pop()!
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'runtime-app', private: true, type: 'module' }))
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
  // --omit=peer: npm 7+ would otherwise install the vitest peer dependency too
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', '--omit=peer', join(dir, tarball), `openai@${pkg.devDependencies.openai}`], { cwd: dir, stdio: 'pipe', timeout: 240_000 })
  copyFileSync(join(FIXTURES, 'runtime-app', 'app.mjs'), join(dir, 'app.mjs'))
  output = JSON.parse(execFileSync(process.execPath, ['app.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 }).trim().split('\n').pop()!)
}, 300_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('evalgate/runtime in an app without vitest', () => {
  test('vitest is really absent from the app', () => {
    expect(existsSync(join(dir, 'node_modules', 'vitest'))).toBe(false)
  })

  test('wrapOpenAI measures a real call, checkSchema and the sampling helpers work; evalgate/tools loads', () => {
    expect(output).toMatchObject({ attempts: 1, pass: true, sampled: true, p50: 2 })
    expect(typeof output.model).toBe('string')
  })

  test('the test-time root is the one entry that needs Vitest', () => {
    expect(output.root).toBe('ERR_MODULE_NOT_FOUND')
  })

  test('the shipped source maps carry their sources (the package has no src/), and no declaration maps', () => {
    const dist = join(dir, 'node_modules', 'evalgate', 'dist')
    const files = (readdirSync(dist, { recursive: true }) as string[]).map(String)
    const maps = files.filter((f) => f.endsWith('.map'))
    expect(maps.length).toBeGreaterThan(50)
    expect(maps.filter((f) => f.endsWith('.d.ts.map'))).toEqual([])
    const without = maps.filter((f) => {
      const map = JSON.parse(readFileSync(join(dist, f), 'utf8')) as { sources: string[]; sourcesContent?: Array<string | null> }
      return map.sourcesContent?.length !== map.sources.length || map.sourcesContent.some((c) => typeof c !== 'string')
    })
    expect(without.map((f) => relative(dist, join(dist, f)))).toEqual([])
  })
})
