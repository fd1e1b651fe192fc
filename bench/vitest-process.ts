import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VITEST_BIN } from './paths.js'
import { sampleTreeRss } from './rss.js'

/** One timed `vitest run` process. */
export interface TimedRun {
  /** Spawn to exit, ms: Node start, config, plugins, workers, tests, reporters, teardown. */
  wallMs: number
  code: number | null
  passed: number
  failed: number
  /** Tail of the output, for errors. */
  output: string
  /** Peak RSS of the whole process tree, MiB, and the samples it came from (when asked for). */
  peakRssMiB?: number
  rssSamples?: number
}

export interface TimedRunOptions {
  env?: Record<string, string>
  timeoutMs?: number
  /** Sample the process tree's RSS (rss.ts) from spawn to exit. */
  rss?: boolean
}

/**
 * Runs `vitest run` in `cwd` as a real process and times it from spawn to exit. CI and colour variables
 * are cleared (as in test/helpers/run-vitest.ts) so baselines behave as on a developer machine; the JSON
 * reporter gives the pass/fail counts.
 */
export async function timedVitestRun(cwd: string, options: TimedRunOptions = {}): Promise<TimedRun> {
  const { env = {}, timeoutMs = 300_000 } = options
  const outDir = mkdtempSync(join(tmpdir(), 'evalgate-bench-'))
  const jsonFile = join(outDir, 'report.json')
  const childEnv: Record<string, string | undefined> = { ...process.env, CI: undefined, GITHUB_ACTIONS: undefined, FORCE_COLOR: '0', NO_COLOR: '1', VITEST: undefined, VITEST_MODE: undefined, VITEST_POOL_ID: undefined, VITEST_WORKER_ID: undefined, ...env }
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key]
  const t0 = performance.now()
  const child = spawn(process.execPath, [VITEST_BIN, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`], {
    cwd,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const sampler = options.rss && child.pid !== undefined ? sampleTreeRss(child.pid) : undefined
  let output = ''
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000))
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)))
  const wallMs = performance.now() - t0
  clearTimeout(timer)
  const rss = await sampler?.stop()
  let passed = 0
  let failed = 0
  try {
    const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as { numPassedTests: number; numFailedTests: number }
    passed = report.numPassedTests
    failed = report.numFailedTests
  } catch {
    // no report: the run failed before tests; code and output say why
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
  return { wallMs, code, passed, failed, output, ...(rss ? { peakRssMiB: rss.peakMiB, rssSamples: rss.samples } : {}) }
}
