import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const FIXTURES = join(REPO_ROOT, 'test/fixtures')
const VITEST_BIN = join(REPO_ROOT, 'node_modules/vitest/vitest.mjs')

export interface TestOutcome {
  name: string
  state: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo'
  messages: string[]
}

export interface VitestRun {
  code: number | null
  stdout: string
  stderr: string
  /** Per-test outcome from Vitest's JSON reporter, keyed by full test name. */
  tests: Map<string, TestOutcome>
}

interface JsonReport {
  testResults: Array<{ assertionResults: Array<{ fullName: string; status: TestOutcome['state']; failureMessages: string[] }> }>
}

/**
 * Runs a real `vitest run` process in `cwd` (a fixture project) with a bounded time, and returns exit code,
 * output and per-test outcomes. CI and colour variables are cleared unless given in `env`.
 */
export async function runVitest(cwd: string, args: string[] = [], env: Record<string, string | undefined> = {}, timeoutMs = 90_000): Promise<VitestRun> {
  const outDir = mkdtempSync(join(tmpdir(), 'evalgate-run-'))
  const jsonFile = join(outDir, 'report.json')
  const childEnv: Record<string, string | undefined> = { ...process.env, CI: undefined, GITHUB_ACTIONS: undefined, FORCE_COLOR: '0', NO_COLOR: '1', VITEST: undefined, VITEST_MODE: undefined, VITEST_POOL_ID: undefined, VITEST_WORKER_ID: undefined, NODE_V8_COVERAGE: undefined, ...env }
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key]
  // A project with its own vitest (an installed consumer) must run that one: two copies of Vitest's runner
  // in one process cannot see each other.
  const own = join(cwd, 'node_modules/vitest/vitest.mjs')
  const child = spawn(process.execPath, [existsSync(own) ? own : VITEST_BIN, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`, ...args], {
    cwd,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)))
  clearTimeout(timer)
  const tests = new Map<string, TestOutcome>()
  try {
    const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as JsonReport
    for (const file of report.testResults) {
      for (const a of file.assertionResults) tests.set(a.fullName, { name: a.fullName, state: a.status, messages: a.failureMessages })
    }
  } catch {
    // no JSON report (e.g. the config failed to load): callers assert on code and output
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
  return { code, stdout, stderr, tests }
}

/**
 * Fixture convention: a test named "[pass] …" must pass and "[fail] …" must fail. Returns the names that
 * did not behave, so an assertion can print them.
 */
export function misbehaving(run: VitestRun): string[] {
  const bad: string[] = []
  for (const t of run.tests.values()) {
    if (t.name.includes('[pass]') && t.state !== 'passed') bad.push(`${t.name}: expected to pass, ${t.state}\n${t.messages.join('\n')}`)
    if (t.name.includes('[fail]') && t.state !== 'failed') bad.push(`${t.name}: expected to fail, ${t.state}`)
  }
  return bad
}

/** The failure message of one test (joined), or throws naming the known tests. */
export function failureOf(run: VitestRun, name: string): string {
  const t = run.tests.get(name)
  if (!t) throw new Error(`no test named ${JSON.stringify(name)}; known:\n${[...run.tests.keys()].join('\n')}`)
  return t.messages.join('\n')
}
