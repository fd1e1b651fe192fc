import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { JsonReport } from '../../src/report/json.js'
import { FIXTURES, REPO_ROOT, misbehaving, runVitest } from '../helpers/run-vitest.js'

// test/fixtures/report: 30 triage cases (accuracy 0/1, relevance continuous, categories, one critical case,
// measured calls to a local model server) and 8 schema cases, with checked-in baselines. EVALGATE_FIXTURE
// picks what the "model" does now. CI=true: baselines are never written.
const FIXTURE = join(FIXTURES, 'report')
const tmp = mkdtempSync(join(tmpdir(), 'evalgate-report-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const run = (mode: string, env: Record<string, string> = {}) => runVitest(FIXTURE, [], { CI: 'true', EVALGATE_FIXTURE: mode, ...env })

/** The evalgate part of the output: from its header line to the end. */
const evalgateOutput = (stdout: string) => stdout.slice(stdout.indexOf(' evalgate '))

describe('the suite gate in a real run', () => {
  test('an unchanged suite passes and shows its verdicts per metric', async () => {
    const r = await run('baseline')
    expect(misbehaving(r)).toEqual([])
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const out = evalgateOutput(r.stdout)
    expect(out).toContain(' evalgate  2 suites · 38 cases (38 compared, 0 new) · suite gate passed')
    expect(out).toContain(' ~ evals/quality.eval.ts  inconclusive')
    expect(out).toMatch(/relevance +30 +0\.70 +0\.70 +\+0\.00 +\[\+0\.00, \+0\.00\] +1\.00 +0\.02 +t +non-inferior/)
    expect(out).toMatch(/accuracy +30 +0\.90 +0\.90 +\+0\.00 .* sign +inconclusive/)
    expect(out).toMatch(/calls +model 30 live · latency p50 \d+ · p95 \d+ · p99 \d+ ms · ttft p50 \d+/)
    expect(out).toContain('usage       tokens 300 · cost $0.00048 (baseline $0.00048)')
    expect(out).toContain('categories  3 (account, billing, bug): no category dropped')
    expect(out).not.toContain('gate FAILED')
    expect(r.stdout).not.toMatch(/^::error/m)
  })

  test('a degraded suite exits 1 although every test passed, and says why', async () => {
    const r = await run('degraded')
    expect([...r.tests.values()].filter((t) => t.state !== 'passed').map((t) => t.name)).toEqual([])
    expect(r.stdout).toMatch(/Tests +38 passed/)
    expect(r.code).toBe(1)
    const out = evalgateOutput(r.stdout)
    expect(out).toContain(' ✗ evals/quality.eval.ts  DEGRADED')
    expect(out).toMatch(/accuracy +30 +0\.90 +0\.63 +−0\.27 .* DEGRADED/)
    expect(out).toContain('categories  accuracy  billing 0.90→0.10 −0.80 n=10 DEGRADED')
    expect(out).toContain('changed     prompt triage changed')
    expect(out).toContain("worst       triage > ticket-03  accuracy 1.00 → 0.00 (−1.00)")
    expect(out).toContain('evalgate: gate FAILED  the run exits with code 1, even if Vitest reports every test as passed:')
    expect(out).toContain('✗ evals/quality.eval.ts: accuracy degraded: 0.90 → 0.63')
    expect(out).toContain('✗ evals/quality.eval.ts: relevance degraded: 0.70 → 0.55')
  })

  test('gate.failOnDegraded: false reports the degradation but leaves the exit code alone', async () => {
    const r = await run('degraded', { EVALGATE_FAIL_ON_DEGRADED: 'false' })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('evalgate: quality degraded  gate.failOnDegraded is false: the exit code is left alone.')
  })

  test('a critical case that drops fails the suite whatever its verdict', async () => {
    const r = await run('critical')
    expect(r.code).toBe(1)
    expect(r.tests.get("triage ticket-00")?.state).toBe('failed')
    const out = evalgateOutput(r.stdout)
    expect(out).toContain(' ✗ evals/quality.eval.ts  inconclusive  1 critical regression')
    expect(out).toContain("critical    triage > ticket-00  accuracy 1.00 → 0.00")
    expect(out).toContain("✗ evals/quality.eval.ts: critical case triage > ticket-00 dropped: accuracy 1.00 → 0.00")
  })
})

describe('outputs', () => {
  test('GitHub Actions: a markdown job summary and ::error annotations at the test line', async () => {
    const summary = join(tmp, 'summary.md')
    const r = await run('critical', { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: REPO_ROOT })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /^::error file=test\/fixtures\/report\/evals\/quality\.eval\.ts,line=\d+,col=\d+,title=evalgate%3A critical case regressed::triage > ticket-00%0Aaccuracy: 1\.00 → 0\.00 \(Δ −1\.00, exact rule, tolerance 0\)$/m,
    )
    const md = readFileSync(summary, 'utf8')
    expect(md).toContain('## ❌ evalgate: gate failed')
    expect(md).toContain("- evals/quality.eval.ts: critical case triage &gt; ticket-00 dropped: accuracy 1.00 → 0.00")
    expect(md).toMatch(/\| ❌ evals\/quality\.eval\.ts \| inconclusive \| 30 \| 97% \| 30 \| 0 \| \*\*1\*\* \| p50 \d+ · p95 \d+ · p99 \d+ ms \| 300 \| \$0\.00048 \|/)
    expect(md).toContain('| accuracy | 30 | 1 | 0.90 | 0.87 | −0.03 |')
    expect(md).toContain("| triage &gt; ticket-00 (critical) | accuracy | 1.00 | 0.00 | −1.00 |")
  })

  test('no GitHub output outside GitHub Actions', async () => {
    const summary = join(tmp, 'not-written.md')
    const r = await run('critical', { GITHUB_STEP_SUMMARY: summary })
    expect(r.stdout).not.toMatch(/^::error/m)
    expect(existsSync(summary)).toBe(false)
  })

  test('JSON report: versioned, every suite, metric and case', async () => {
    const path = join(tmp, 'nested/report.json')
    const r = await run('degraded', { EVALGATE_JSON: path })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`evalgate: JSON report written to ${path}`)
    const report = JSON.parse(readFileSync(path, 'utf8')) as JsonReport
    expect(report).toMatchObject({ version: 1, tool: 'evalgate', failed: true, exitCodeSet: true })
    expect(report.settings).toMatchObject({ alpha: 0.05, margin: 0.02, method: 'auto', failOnDegraded: true })
    expect(report.totals).toMatchObject({ suites: 2, cases: 38, compared: 38, new: 0, verdicts: { degraded: 1, inconclusive: 1 } })
    expect(report.reasons).toHaveLength(2)
    const quality = report.suites.find((s) => s.file === 'evals/quality.eval.ts')!
    expect(quality).toMatchObject({ verdict: 'degraded', failed: true, baselinePath: 'snapshots/evals/quality.eval.ts.json', changes: ['prompt triage changed'] })
    expect(quality.metrics.map((m) => [m.metric, m.verdict, m.method])).toEqual([
      ['pass', 'inconclusive', 'sign'],
      ['accuracy', 'degraded', 'sign'],
      ['relevance', 'degraded', 't'],
    ])
    expect(quality.operational).toMatchObject({ calls: 30, liveCalls: 30, tokens: { total: 300 }, costUsd: 0.00048 })
    expect(quality.operational.latency?.n).toBe(30)
    expect(quality.cases).toHaveLength(30)
    const c3 = quality.cases.find((c) => c.key === "triage > ticket-03")!
    expect(c3).toMatchObject({ status: 'matched', category: 'billing', baseline: { scores: { accuracy: 1 } }, current: { scores: { accuracy: 0 } } })
    expect(c3.worstDrop).toEqual({ metric: 'accuracy', baseline: 1, current: 0, delta: -1 })
    expect(quality).not.toHaveProperty('moduleId')
  })

  test('annotations (shown in @vitest/ui, the HTML report and junit) carry the numbers: failures by default, every case with "all"', async () => {
    const junit = join(tmp, 'junit.xml')
    const annotated = (xml: string) => [...xml.matchAll(/<property name="evalgate" value="([^"]*)"/g)].map((m) => m[1]!)
    const r = await runVitest(FIXTURE, ['--reporter=junit', `--outputFile.junit=${junit}`], { CI: 'true', EVALGATE_FIXTURE: 'critical' })
    const failed = [...r.tests.values()].filter((t) => t.state === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    const notes = annotated(readFileSync(junit, 'utf8'))
    expect(notes).toHaveLength(failed.length)
    expect(notes.join('\n')).toMatch(/accuracy 0\.00 \(baseline 1\.00, −1\.00\)/)
    expect(notes.join('\n')).toContain('baseline regressed')
    // With the junit reporter, each annotated case also gets one property per metric (reporter.metricAnnotations 'auto').
    const xml = readFileSync(junit, 'utf8')
    const props = (name: string) => [...xml.matchAll(new RegExp(`<property name="${name.replace(/\./g, '\\.')}" value="([^"]*)"`, 'g'))].map((m) => m[1]!)
    expect(props('evalgate.accuracy')).toHaveLength(props('evalgate.baseline.accuracy').length)
    expect(props('evalgate.accuracy').length).toBeGreaterThan(0)
    expect(props('evalgate.baseline.accuracy')).toContain('1')
    expect(props('evalgate.accuracy')).toContain('0')
    expect(props('evalgate.status')).toContain('regressed')
    expect(props('evalgate.pass').length).toBe(failed.length)
    await runVitest(FIXTURE, ['--reporter=junit', `--outputFile.junit=${junit}`], { CI: 'true', EVALGATE_FIXTURE: 'baseline', EVALGATE_ANNOTATIONS: 'all' })
    const all = annotated(readFileSync(junit, 'utf8'))
    expect(all).toHaveLength(38)
    expect(all.every((n) => n.includes('baseline matched'))).toBe(true)
  })
})
