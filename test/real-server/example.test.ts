import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import type { JsonReport } from '../../src/report/json.js'
import { REPO_ROOT, runVitest, type VitestRun } from '../helpers/run-vitest.js'

// The example suite (a temp copy inside the repository, with its own snapshots/) against llama-server, the
// cache off, the main model and the judge both the tiny real model, at temperature > 0, twice. A bounded
// subset (EVALGATE_EXAMPLE_LIMIT; the other cases are registered as skipped) keeps the leg short however large the example grows.
const CASES = Number(process.env.REAL_SERVER_CASES ?? 6)
let root: string
let suite: string
const runs: Array<VitestRun & { report: JsonReport | undefined; ms: number }> = []

// The README's advice for noisy models: baselines from more trials than a run uses (EXAMPLE_BASELINE_TRIALS
// under -u), and K = 3 trials per case in every run, so the per-case rule can tell noise from a change.
async function runExample(n: number, args: string[], env: Record<string, string>) {
  const reportFile = join(root, `report-${n}.json`)
  const started = Date.now()
  const run = await runVitest(
    suite,
    args,
    {
      ...env,
      EXAMPLE_TRIALS: '3',
      OPENAI_BASE_URL: inject('realBaseURL'),
      OPENAI_API_KEY: 'real-server-no-key',
      EVALGATE_MODEL: 'tiny',
      EVALGATE_CACHE: 'off',
      EVALGATE_EXAMPLE_LIMIT: String(CASES),
      EXAMPLE_TEMPERATURE: '0.7',
      EXAMPLE_JUDGE_MAX_TOKENS: '128',
      EXAMPLE_REPORT_JSON: reportFile,
    },
    200_000,
  )
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport) : undefined
  return { ...run, report, ms: Date.now() - started }
}

beforeAll(async () => {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true })
  root = mkdtempSync(join(REPO_ROOT, '.tmp', 'real-server-example-'))
  suite = join(root, 'example-suite')
  cpSync(join(REPO_ROOT, 'example-suite'), suite, { recursive: true, filter: (src) => !src.includes('node_modules') && !src.includes('.evalgate') })
  runs.push(await runExample(1, ['-u'], { EXAMPLE_BASELINE_TRIALS: '6' }))
  runs.push(await runExample(2, [], { CI: 'true' }))
}, 420_000)
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true })
})

const FAULT = /judge fault \((not_json|cut_off|missing_verdict|unknown_verdict|unknown_criterion|duplicate_verdict|empty_reply|refused|endpoint_error)\)/

describe('the example suite against llama-server, cache off, twice at temperature 0.7', () => {
  test('both runs finish (no crash, no hang) with every test reported and the evalgate report written', () => {
    for (const run of runs) {
      expect(run.code, run.stdout.slice(-4000) + run.stderr.slice(-2000)).not.toBeNull() // null = killed at the timeout
      expect([0, 1]).toContain(run.code)
      expect(run.report, run.stdout.slice(-3000) + run.stderr.slice(-2000)).toBeDefined()
      // 3 describe blocks × CASES cases + 2 operational tests.
      const ran = [...run.tests.values()].filter((t) => t.state !== 'skipped')
      expect(ran.length).toBe(3 * CASES + 2)
      expect(ran.every((t) => t.state === 'passed' || t.state === 'failed')).toBe(true)
      expect(run.stdout).toMatch(/ evalgate {2}1 suite/)
      expect(run.stderr).not.toMatch(/Unhandled|TypeError|ReferenceError/)
    }
  })

  test('measurements are present and plausible: all calls live, latency, TTFT, tokens', () => {
    for (const run of runs) {
      const o = run.report!.suites[0]!.operational
      expect(o.cachedCalls).toBe(0)
      expect(o.judgeCachedCalls).toBe(0)
      // classify + extract + reply per case, 40 + 40 load samples (+ warmup): all live.
      expect(o.calls).toBeGreaterThanOrEqual(3 * CASES + 80)
      expect(o.liveCalls).toBeGreaterThan(0)
      expect(o.judgeCalls).toBeGreaterThanOrEqual(CASES)
      expect(o.latency!.p50).toBeGreaterThan(0)
      expect(o.latency!.p99).toBeLessThan(120_000)
      expect(o.ttft!.p50).toBeGreaterThan(0)
      expect(o.ttft!.p50).toBeLessThanOrEqual(o.latency!.p99)
      expect(o.tokens.prompt).toBeGreaterThan(0)
      expect(o.tokens.completion).toBeGreaterThan(0)
      expect(o.tokens.replayed).toBe(0)
      expect(o.attempts.total).toBeGreaterThanOrEqual(o.calls + o.judgeCalls)
    }
  })

  test('every failed rubric says why: the judge verdicts, or a named judge fault; a fault is never a pass', () => {
    for (const run of runs) {
      for (const t of [...run.tests.values()].filter((t) => t.name.startsWith('reply ') && t.state === 'failed')) {
        const message = t.messages.join('\n')
        // A rubric assertion that failed (not a per-case baseline regression of its score) says why.
        const rubric = /toPassRubric/.test(message) && !/evalgate baseline regression/.test(message)
        if (rubric) expect(message).toMatch(new RegExp(`the output does not pass the rubric|${FAULT.source}`))
      }
      const rubricFaults = run.report!.suites[0]!.operational.failures.judgeError
      const faulted = [...run.tests.values()].filter((t) => FAULT.test(t.messages.join('\n')))
      expect(faulted.every((t) => t.state === 'failed')).toBe(true)
      expect(rubricFaults.count).toBe(faulted.length)
    }
  })

  test('the unchanged rerun is no false alarm: neither the suite gate nor the per-case rule reads noise as a regression', () => {
    const second = runs[1]!.report!
    const suiteReport = second.suites[0]!
    expect(suiteReport.counts.compared, 'the second run was compared with the first run’s baselines').toBeGreaterThan(0)
    const summary = runs[1]!.stdout.slice(runs[1]!.stdout.indexOf(' evalgate '))
    expect(suiteReport.verdict, summary).not.toBe('degraded')
    // Per-case rule: with 6 baseline trials and 3 now, a case fails on noise alone only when all 6 agreed and
    // all 3 now agree on the other value (≤ 0.4% a case metric, ~26 case metrics here: ~0.1 expected), or on
    // a critical case's exact trial test at α. Three or more such failures on an unchanged rerun would be a
    // < 1% event: a rule that cannot tell noise from change.
    const perCase = Number(/per-case rule failed (\d+) case/.exec(runs[1]!.stdout)?.[1] ?? 0)
    expect(perCase, summary).toBeLessThanOrEqual(2)
  })

})
